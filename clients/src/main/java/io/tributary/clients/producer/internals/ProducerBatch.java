package io.tributary.clients.producer.internals;

import static io.tributary.record.RecordBatchDescriptor.*;

import io.tributary.clients.producer.Callback;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.common.ByteUtils;
import io.tributary.common.TopicPartition;
import io.tributary.record.CompressionType;
import io.tributary.record.Header;
import io.tributary.record.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One partition's records on their way to the broker: encoded straight into a v2 record batch in a pooled buffer
 * as they are appended. Closed (header written, compressed if configured) before the first send; the producer
 * fields and CRC are stamped when the batch is drained, so a retry resends identical bytes.
 */
public final class ProducerBatch {
    final TopicPartition tp;
    final long createdMs;
    private final ByteBuffer buffer;
    // Per-record completion, one slot per record in append order: the future send() returned, the optional
    // callback, and what the record's RecordMetadata reports. Parallel arrays rather than an object per record.
    private CompletableFuture<RecordMetadata>[] futures = newFutures(16);
    private Callback[] callbacks = new Callback[16];
    private long[] timestamps = new long[16];
    private int[] keySizes = new int[16];
    private int[] valueSizes = new int[16];
    private int completions;
    private int recordCount;
    private long baseTimestamp = NO_TIMESTAMP;
    private long maxTimestamp = NO_TIMESTAMP;
    private boolean closed;
    private ByteBuffer built;
    private CompressionType compression = CompressionType.NONE;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    // sender-thread state
    int attempts;
    long retryAtMs;
    int baseSequence = NO_SEQUENCE;
    long producerId = NO_PRODUCER_ID;
    short producerEpoch = NO_PRODUCER_EPOCH;
    boolean inFlight;
    private boolean stamped;

    @SuppressWarnings("unchecked")
    private static CompletableFuture<RecordMetadata>[] newFutures(int n) {
        return (CompletableFuture<RecordMetadata>[]) new CompletableFuture<?>[n];
    }

    ProducerBatch(TopicPartition tp, ByteBuffer buffer, long createdMs) {
        this.tp = tp;
        this.buffer = buffer;
        this.createdMs = createdMs;
        buffer.position(RECORDS_OFFSET);
    }

    /** Bytes a record with these parts takes in a batch (length prefix included). */
    static int sizeOf(long timestampDelta, int offsetDelta, byte[] key, byte[] value, List<Header> headers) {
        int body = bodySize(timestampDelta, offsetDelta, key, value, headers);
        return ByteUtils.sizeOfVarint(body) + body;
    }

    private static int bodySize(long timestampDelta, int offsetDelta, byte[] key, byte[] value,
                                List<Header> headers) {
        int size = 1 + ByteUtils.sizeOfVarlong(timestampDelta) + ByteUtils.sizeOfVarint(offsetDelta);
        size += key == null ? 1 : ByteUtils.sizeOfVarint(key.length) + key.length;
        size += value == null ? 1 : ByteUtils.sizeOfVarint(value.length) + value.length;
        size += ByteUtils.sizeOfVarint(headers.size());
        for (Header h : headers) {
            int k = h.key().getBytes(StandardCharsets.UTF_8).length;
            byte[] v = h.value();
            size += ByteUtils.sizeOfVarint(k) + k + (v == null ? 1 : ByteUtils.sizeOfVarint(v.length) + v.length);
        }
        return size;
    }

    /** The largest batch one record of these parts needs on its own. */
    static int sizeForSingle(byte[] key, byte[] value, List<Header> headers) {
        return RECORDS_OFFSET + sizeOf(0, 0, key, value, headers) + 16;
    }

    /**
     * Appends a record if it fits; returns its future, or null if the batch is full or closed (the first record
     * of an empty batch always fits: the buffer was sized for it).
     */
    CompletableFuture<RecordMetadata> tryAppend(long timestamp, byte[] key, byte[] value, List<Header> headers,
                                                Callback callback) {
        if (closed) {
            return null;
        }
        long base = recordCount == 0 ? timestamp : baseTimestamp;
        long delta = timestamp - base;
        int body = bodySize(delta, recordCount, key, value, headers);
        int size = ByteUtils.sizeOfVarint(body) + body;
        if (buffer.remaining() < size) {
            return null;
        }
        if (recordCount == 0) {
            baseTimestamp = timestamp;
        }
        ByteBuffer b = buffer;
        if (b.hasArray()) {
            // the common case (the pool hands out heap buffers): encode into the array, move the position once
            byte[] a = b.array();
            int start = b.arrayOffset() + b.position();
            int p = ByteUtils.writeVarint(body, a, start);
            a[p++] = 0;
            p = ByteUtils.writeVarlong(delta, a, p);
            p = ByteUtils.writeVarint(recordCount, a, p);
            p = writeBytes(key, a, p);
            p = writeBytes(value, a, p);
            p = ByteUtils.writeVarint(headers.size(), a, p);
            for (Header h : headers) {
                byte[] k = h.key().getBytes(StandardCharsets.UTF_8);
                p = ByteUtils.writeVarint(k.length, a, p);
                System.arraycopy(k, 0, a, p, k.length);
                p = writeBytes(h.value(), a, p + k.length);
            }
            b.position(b.position() + (p - start));
        } else {
            ByteUtils.writeVarint(body, b);
            b.put((byte) 0);
            ByteUtils.writeVarlong(delta, b);
            ByteUtils.writeVarint(recordCount, b);
            writeBytes(key, b);
            writeBytes(value, b);
            ByteUtils.writeVarint(headers.size(), b);
            for (Header h : headers) {
                byte[] k = h.key().getBytes(StandardCharsets.UTF_8);
                ByteUtils.writeVarint(k.length, b);
                b.put(k);
                writeBytes(h.value(), b);
            }
        }
        recordCount++;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
        addCompletion(f, callback, timestamp, key == null ? -1 : key.length, value == null ? -1 : value.length);
        return f;
    }

    private void addCompletion(CompletableFuture<RecordMetadata> f, Callback callback, long timestamp, int keySize,
                               int valueSize) {
        int i = completions;
        if (i == futures.length) {
            int n = i * 2;
            futures = Arrays.copyOf(futures, n);
            callbacks = Arrays.copyOf(callbacks, n);
            timestamps = Arrays.copyOf(timestamps, n);
            keySizes = Arrays.copyOf(keySizes, n);
            valueSizes = Arrays.copyOf(valueSizes, n);
        }
        futures[i] = f;
        callbacks[i] = callback;
        timestamps[i] = timestamp;
        keySizes[i] = keySize;
        valueSizes[i] = valueSize;
        completions = i + 1;
    }

    private static int writeBytes(byte[] bytes, byte[] a, int p) {
        if (bytes == null) {
            return ByteUtils.writeVarint(-1, a, p);
        }
        p = ByteUtils.writeVarint(bytes.length, a, p);
        System.arraycopy(bytes, 0, a, p, bytes.length);
        return p + bytes.length;
    }

    private static void writeBytes(byte[] bytes, ByteBuffer b) {
        if (bytes == null) {
            ByteUtils.writeVarint(-1, b);
        } else {
            ByteUtils.writeVarint(bytes.length, b);
            b.put(bytes);
        }
    }

    /** Whether another record is unlikely to fit. */
    boolean isFull() {
        return closed || buffer.remaining() < 64;
    }

    boolean isClosed() {
        return closed;
    }

    int recordCount() {
        return recordCount;
    }

    /** Bytes on the wire once closed (an estimate before). */
    int sizeInBytes() {
        return built != null ? built.remaining() : buffer.position();
    }

    /** Stops appends and encodes the batch header (and compresses the records) once. */
    void close(CompressionType codec) {
        if (closed) {
            return;
        }
        closed = true;
        compression = codec;
        int end = buffer.position();
        if (codec == CompressionType.NONE) {
            built = buffer.duplicate().position(0).limit(end);
        } else {
            byte[] plain = new byte[end - RECORDS_OFFSET];
            buffer.get(RECORDS_OFFSET, plain);
            byte[] packed = codec.compress(plain, 0, plain.length);
            built = ByteBuffer.allocate(RECORDS_OFFSET + packed.length);
            built.put(RECORDS_OFFSET, packed);
        }
        ByteBuffer h = built;
        h.putLong(BASE_OFFSET_OFFSET, 0L);
        h.putInt(LENGTH_OFFSET, h.limit() - LOG_OVERHEAD);
        h.putInt(PARTITION_LEADER_EPOCH_OFFSET, NO_PARTITION_LEADER_EPOCH);
        h.put(MAGIC_OFFSET, MAGIC_V2);
        h.putShort(ATTRIBUTES_OFFSET, (short) codec.id);
        h.putInt(LAST_OFFSET_DELTA_OFFSET, recordCount - 1);
        h.putLong(BASE_TIMESTAMP_OFFSET, baseTimestamp);
        h.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        h.putInt(RECORD_COUNT_OFFSET, recordCount);
    }

    /** Whether {@link #stamp} ran (the CRC is written). */
    boolean isStamped() {
        return stamped;
    }

    /** Writes the producer id, epoch and base sequence, and the CRC. */
    void stamp(long pid, short epoch, int sequence) {
        producerId = pid;
        producerEpoch = epoch;
        baseSequence = sequence;
        built.putLong(PRODUCER_ID_OFFSET, pid);
        built.putShort(PRODUCER_EPOCH_OFFSET, epoch);
        built.putInt(BASE_SEQUENCE_OFFSET, sequence);
        RecordBatch.writeChecksum(built);
        stamped = true;
    }

    /** The encoded batch, ready to send. */
    ByteBuffer wireBytes() {
        return built.duplicate();
    }

    /** The buffer to give back to the pool once the batch is done. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Completes every record's future and callback with its offset. */
    void complete(long baseOffset, long logAppendTime) {
        if (done.isDone()) {
            return;
        }
        for (int i = 0; i < completions; i++) {
            long ts = logAppendTime >= 0 ? logAppendTime : timestamps[i];
            RecordMetadata m = new RecordMetadata(tp, baseOffset < 0 ? -1 : baseOffset + i, ts, keySizes[i],
                valueSizes[i]);
            if (callbacks[i] != null) {
                runCallback(callbacks[i], m, null);
            }
            futures[i].complete(m);
        }
        done.complete(null);
    }

    /** Fails every record's future and callback. */
    void fail(RuntimeException e) {
        if (done.isDone()) {
            return;
        }
        for (int i = 0; i < completions; i++) {
            if (callbacks[i] != null) {
                runCallback(callbacks[i], null, e);
            }
            futures[i].completeExceptionally(e);
        }
        done.complete(null);
    }

    private static void runCallback(Callback cb, RecordMetadata m, Exception e) {
        try {
            cb.onCompletion(m, e);
        } catch (RuntimeException ex) {
            org.slf4j.LoggerFactory.getLogger(ProducerBatch.class).error("a send callback threw", ex);
        }
    }

    boolean isDone() {
        return done.isDone();
    }

    /** Completes when every record of the batch has its answer. */
    CompletableFuture<Void> doneFuture() {
        return done;
    }
}
