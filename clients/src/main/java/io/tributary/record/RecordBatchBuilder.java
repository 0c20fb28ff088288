package io.tributary.record;

import static io.tributary.record.RecordBatchDescriptor.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Builds one record batch v2. Configure, append records (offsets are assigned consecutively from the base
 * offset, or given explicitly with {@link #appendWithOffset}), then {@link #build()}. The first record's timestamp becomes baseTimestamp. Not thread-safe.
 */
public final class RecordBatchBuilder {
    private final long baseOffset;
    private CompressionType compression = CompressionType.NONE;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private long logAppendTime = NO_TIMESTAMP;
    private long producerId = NO_PRODUCER_ID;
    private short producerEpoch = NO_PRODUCER_EPOCH;
    private int baseSequence = NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private int partitionLeaderEpoch = NO_PARTITION_LEADER_EPOCH;

    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private int count;
    private int lastOffsetDelta = -1;
    private long baseTimestamp = NO_TIMESTAMP;
    private long maxTimestamp = NO_TIMESTAMP;

    /** Starts a batch whose first record gets {@code baseOffset}. */
    public RecordBatchBuilder(long baseOffset) {
        this.baseOffset = baseOffset;
    }

    /** Codec of the records section (default none). */
    public RecordBatchBuilder compression(CompressionType compression) {
        this.compression = Objects.requireNonNull(compression);
        return this;
    }

    /** CreateTime (the default): record timestamps are the producer's. */
    public RecordBatchBuilder createTime() {
        this.timestampType = TimestampType.CREATE_TIME;
        this.logAppendTime = NO_TIMESTAMP;
        return this;
    }

    /** LogAppendTime: maxTimestamp is {@code time} and readers give every record that timestamp. */
    public RecordBatchBuilder logAppendTime(long time) {
        this.timestampType = TimestampType.LOG_APPEND_TIME;
        this.logAppendTime = time;
        return this;
    }

    /** Idempotent producer fields; the default is -1, -1, -1 (not idempotent). */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    /** Sets attribute bit 4. */
    public RecordBatchBuilder transactional(boolean transactional) {
        this.transactional = transactional;
        return this;
    }

    /** Marks the batch as a control batch; only control records may then be appended. */
    public RecordBatchBuilder control(boolean control) {
        if (count > 0) {
            throw new IllegalStateException("set the control flag before appending");
        }
        this.control = control;
        return this;
    }

    /** Leader epoch to stamp (default -1). */
    public RecordBatchBuilder partitionLeaderEpoch(int partitionLeaderEpoch) {
        this.partitionLeaderEpoch = partitionLeaderEpoch;
        return this;
    }

    /** Appends a data record without headers. */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value) {
        return append(timestamp, key, value, List.of());
    }

    /**
     * Appends a data record.
     *
     * @param timestamp non-negative, or -1 for none
     * @param key       nullable
     * @param value     nullable
     */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value, List<Header> headers) {
        if (control) {
            throw new IllegalStateException("only control records may be appended to a control batch");
        }
        return appendRecord(lastOffsetDelta + 1L, timestamp, key, value, headers);
    }

    /**
     * Appends a data record at an explicit offset, leaving gaps where records were removed (as log compaction
     * does). Offsets must be at least the base offset and strictly increasing; a later {@link #append} continues
     * from this offset.
     *
     * @throws IllegalArgumentException if {@code offset} is below the base offset, not above the previous
     *                                  record's, or more than {@link Integer#MAX_VALUE} above the base offset
     */
    public RecordBatchBuilder appendWithOffset(long offset, long timestamp, byte[] key, byte[] value,
                                               List<Header> headers) {
        if (control) {
            throw new IllegalStateException("only control records may be appended to a control batch");
        }
        if (offset < baseOffset) {
            throw new IllegalArgumentException("offset " + offset + " is below the base offset " + baseOffset);
        }
        long delta = offset - baseOffset;
        if (delta <= lastOffsetDelta) {
            throw new IllegalArgumentException("offset " + offset + " does not follow the previous offset "
                    + (baseOffset + lastOffsetDelta));
        }
        return appendRecord(delta, timestamp, key, value, headers);
    }

    /** Appends a control record of the given type to a control batch. */
    public RecordBatchBuilder appendControlRecord(long timestamp, ControlRecordType type, byte[] value) {
        if (!control) {
            throw new IllegalStateException("control records need a control batch");
        }
        return appendRecord(lastOffsetDelta + 1L, timestamp, type.recordKey(), value, List.of());
    }

    /** Appends a commit or abort marker to a control batch. */
    public RecordBatchBuilder appendEndTransactionMarker(long timestamp, EndTransactionMarker marker) {
        return appendControlRecord(timestamp, marker.type(), marker.recordValue());
    }

    private RecordBatchBuilder appendRecord(long offsetDelta, long timestamp, byte[] key, byte[] value,
                                            List<Header> headers) {
        if (timestamp < 0 && timestamp != NO_TIMESTAMP) {
            throw new IllegalArgumentException("invalid negative timestamp " + timestamp);
        }
        if (count == Integer.MAX_VALUE || offsetDelta > Integer.MAX_VALUE) {
            throw offsetDelta > Integer.MAX_VALUE
                    ? new IllegalArgumentException("offset delta " + offsetDelta + " does not fit an int")
                    : new IllegalStateException("batch is full");
        }
        if (count == 0) {
            baseTimestamp = timestamp;
        }
        byte[] encoded = RecordCodec.encode(timestamp - baseTimestamp, (int) offsetDelta, key, value, headers);
        records.write(encoded, 0, encoded.length);
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        count++;
        lastOffsetDelta = (int) offsetDelta;
        return this;
    }

    /** Records appended so far. */
    public int recordCount() {
        return count;
    }

    /**
     * Encodes the batch with its CRC filled in.
     *
     * @return a heap buffer at position 0 whose limit is the batch size
     * @throws IllegalStateException if no record was appended
     */
    public ByteBuffer build() {
        if (count == 0) {
            throw new IllegalStateException("a batch needs at least one record");
        }
        byte[] plain = records.toByteArray();
        byte[] section = compression == CompressionType.NONE ? plain : compression.compress(plain, 0, plain.length);
        ByteBuffer batch = ByteBuffer.allocate(HEADER_SIZE + section.length);
        int attributes = compression.id
                | (timestampType == TimestampType.LOG_APPEND_TIME ? TIMESTAMP_TYPE_MASK : 0)
                | (transactional ? TRANSACTIONAL_FLAG_MASK : 0)
                | (control ? CONTROL_FLAG_MASK : 0);
        batch.putLong(BASE_OFFSET_OFFSET, baseOffset);
        batch.putInt(LENGTH_OFFSET, batch.capacity() - LOG_OVERHEAD);
        batch.putInt(PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
        batch.put(MAGIC_OFFSET, MAGIC_V2);
        batch.putShort(ATTRIBUTES_OFFSET, (short) attributes);
        batch.putInt(LAST_OFFSET_DELTA_OFFSET, lastOffsetDelta);
        batch.putLong(BASE_TIMESTAMP_OFFSET, baseTimestamp);
        batch.putLong(MAX_TIMESTAMP_OFFSET,
                timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTime : maxTimestamp);
        batch.putLong(PRODUCER_ID_OFFSET, producerId);
        batch.putShort(PRODUCER_EPOCH_OFFSET, producerEpoch);
        batch.putInt(BASE_SEQUENCE_OFFSET, baseSequence);
        batch.putInt(RECORD_COUNT_OFFSET, count);
        batch.put(RECORDS_OFFSET, section);
        RecordBatch.writeChecksum(batch);
        return batch;
    }

    /**
     * A transactional control batch holding one commit or abort marker, as a transaction coordinator writes.
     */
    public static ByteBuffer endTransactionMarker(long baseOffset, long timestamp, int partitionLeaderEpoch,
                                                  long producerId, short producerEpoch, EndTransactionMarker marker) {
        return new RecordBatchBuilder(baseOffset)
                .producer(producerId, producerEpoch, NO_SEQUENCE)
                .transactional(true)
                .control(true)
                .partitionLeaderEpoch(partitionLeaderEpoch)
                .appendEndTransactionMarker(timestamp, marker)
                .build();
    }
}
