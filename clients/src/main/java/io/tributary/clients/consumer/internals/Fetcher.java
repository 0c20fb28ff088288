package io.tributary.clients.consumer.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.ConsumerRecords;
import io.tributary.clients.consumer.RecordDeserializationException;
import io.tributary.clients.internals.Metadata;
import io.tributary.clients.internals.NetworkClient;
import io.tributary.clients.serialization.Deserializer;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.types.Struct;
import io.tributary.record.CompressionType;
import io.tributary.record.Header;
import io.tributary.record.MemoryRecords;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchDescriptor;
import io.tributary.record.TimestampType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches ahead of the application: at most one fetch in flight per broker, for every fetchable partition that
 * has nothing buffered; responses are queued as they arrive and turned into records (decoded, deserialized) only
 * when {@code poll} takes them, at most {@code max.poll.records} at a time. Data fetched for a position the
 * application has since moved away from (seek, rebalance) is dropped.
 */
public final class Fetcher<K, V> {
    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);
    private static final short FETCH_MAX_VERSION = 12; // v13 names topics by id

    /** Fetch settings. */
    public record Settings(int minBytes, int maxBytes, int maxWaitMs, int partitionMaxBytes, int maxPollRecords,
                           byte isolationLevel, boolean checkCrcs) {
    }

    private final NetworkClient network;
    private final Metadata metadata;
    private final SubscriptionState subscriptions;
    private final Settings settings;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final ConcurrentLinkedQueue<CompletedFetch> completed = new ConcurrentLinkedQueue<>();
    private final Set<Node> inFlight = ConcurrentHashMap.newKeySet();
    /** Partitions with a fetch in flight or data buffered. */
    private final Set<TopicPartition> pending = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private CompletedFetch current;

    public Fetcher(NetworkClient network, Metadata metadata, SubscriptionState subscriptions, Settings settings,
                   Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.network = network;
        this.metadata = metadata;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
    }

    /** Data for one partition from one fetch response. */
    private final class CompletedFetch {
        final TopicPartition tp;
        final long fetchOffset;
        final Errors error;
        final long highWatermark;
        final Iterator<RecordBatch> batches;
        /** The position the partition has if nothing but this fetch moved it (a seek or pause invalidates it). */
        long nextPosition;
        RecordBatch batch;
        /** The fetched bytes when they are a writable heap buffer (uncompressed batches are read in place). */
        final byte[] fetched;
        /** Index in {@link #fetched} of the next batch {@link #batches} returns. */
        int nextBatchAt;
        /** The records section of {@link #batch}: bytes of {@link #data} from {@link #pos} to {@link #limit}. */
        byte[] data;
        int start;
        int pos;
        int limit;
        int remainingInBatch;
        /** Of {@link #batch}: base offset, timestamp type, and base timestamp (max timestamp for LogAppendTime). */
        long baseOffset;
        TimestampType timestampType;
        boolean logAppendTime;
        long timestampBase;

        /** read_committed: aborted transactions not yet reached, by first offset (producer id, first offset). */
        final java.util.PriorityQueue<long[]> abortedTransactions =
            new java.util.PriorityQueue<>(java.util.Comparator.comparingLong((long[] a) -> a[1]));
        /** read_committed: producers whose open transaction (at the current batch) ends in an abort. */
        final Set<Long> abortingProducers = new java.util.HashSet<>();

        CompletedFetch(TopicPartition tp, long fetchOffset, Errors error, long highWatermark, ByteBuffer records) {
            this.tp = tp;
            this.fetchOffset = fetchOffset;
            this.error = error;
            this.highWatermark = highWatermark;
            this.nextPosition = fetchOffset;
            this.batches = records == null ? java.util.Collections.emptyIterator()
                : MemoryRecords.readableRecords(records).batches().iterator();
            this.fetched = records != null && records.hasArray() ? records.array() : null;
            this.nextBatchAt = fetched == null ? 0 : records.arrayOffset() + records.position();
        }
    }

    /** Sends a fetch to every leader with fetchable partitions and no fetch in flight. */
    public void sendFetches() {
        Cluster cluster = metadata.cluster();
        Map<Node, Map<TopicPartition, Long>> byNode = new LinkedHashMap<>();
        Set<Node> busy = new java.util.HashSet<>();
        for (TopicPartition tp : subscriptions.fetchable()) {
            Node leader = cluster.leaderFor(tp.topic(), tp.partition());
            if (leader == null) {
                metadata.requestUpdate();
                continue;
            }
            if (pending.contains(tp)) {
                busy.add(leader);
                continue;
            }
            if (inFlight.contains(leader)) {
                continue;
            }
            byNode.computeIfAbsent(leader, k -> new LinkedHashMap<>()).put(tp, subscriptions.position(tp));
        }
        for (Map.Entry<Node, Map<TopicPartition, Long>> e : byNode.entrySet()) {
            // A fetch of caught-up partitions only would wait fetch.max.wait.ms at the broker and hold up the
            // partitions still being drained here (one fetch per broker at a time): let them join it instead.
            if (busy.contains(e.getKey()) && e.getValue().keySet().stream().allMatch(this::caughtUp)) {
                continue;
            }
            send(e.getKey(), e.getValue());
        }
    }

    private boolean caughtUp(TopicPartition tp) {
        long hw = subscriptions.highWatermark(tp);
        Long position = subscriptions.position(tp);
        return hw >= 0 && position != null && position >= hw;
    }

    private void send(Node node, Map<TopicPartition, Long> positions) {
        inFlight.add(node);
        pending.addAll(positions.keySet());
        Map<String, List<Map.Entry<TopicPartition, Long>>> byTopic = new LinkedHashMap<>();
        positions.entrySet().forEach(e -> byTopic.computeIfAbsent(e.getKey().topic(), k -> new ArrayList<>()).add(e));
        int timeout = network.requestTimeoutMs() + settings.maxWaitMs();
        network.send(node, ApiKey.FETCH, v -> {
            Struct req = FetchRequest.SCHEMA.newStruct().set("replicaId", -1).set("maxWaitMs", settings.maxWaitMs())
                .set("minBytes", settings.minBytes()).set("maxBytes", settings.maxBytes())
                .set("isolationLevel", settings.isolationLevel()).set("sessionId", 0).set("sessionEpoch", -1);
            byTopic.forEach((topic, parts) -> {
                Struct t = req.addElement("topics").set("topic", topic);
                for (Map.Entry<TopicPartition, Long> p : parts) {
                    t.addElement("partitions").set("partition", p.getKey().partition())
                        .set("fetchOffset", p.getValue()).set("partitionMaxBytes", settings.partitionMaxBytes());
                }
            });
            return req;
        }, FETCH_MAX_VERSION, timeout, true).whenComplete((resp, err) -> {
            try {
                if (err != null) {
                    log.debug("fetch from {} failed: {}", node, err.toString());
                    metadata.requestUpdate();
                    pending.removeAll(positions.keySet());
                    return;
                }
                Errors top = Errors.forCode(resp.body().getInt16("errorCode"));
                if (top != Errors.NONE) {
                    log.debug("fetch from {} failed: {}", node, top);
                    pending.removeAll(positions.keySet());
                    return;
                }
                Set<TopicPartition> answered = new java.util.HashSet<>();
                for (Struct t : resp.body().getStructs("responses")) {
                    String topic = t.getString("topic");
                    for (Struct p : t.getStructs("partitions")) {
                        TopicPartition tp = new TopicPartition(topic, p.getInt32("partitionIndex"));
                        Long offset = positions.get(tp);
                        if (offset == null || !answered.add(tp)) {
                            continue;
                        }
                        CompletedFetch f = new CompletedFetch(tp, offset, Errors.forCode(p.getInt16("errorCode")),
                            p.getInt64("highWatermark"), p.getRecords("records"));
                        List<Struct> aborted = p.getStructs("abortedTransactions");
                        if (settings.isolationLevel() == 1 && aborted != null) {
                            aborted.forEach(a -> f.abortedTransactions.add(
                                new long[] {a.getInt64("producerId"), a.getInt64("firstOffset")}));
                        }
                        completed.add(f);
                    }
                }
                for (TopicPartition tp : positions.keySet()) {
                    if (!answered.contains(tp)) {
                        pending.remove(tp);
                    }
                }
            } finally {
                inFlight.remove(node);
                synchronized (signal) {
                    signal.notifyAll();
                }
            }
        });
    }

    /** Whether records (or errors) are waiting to be collected. */
    public boolean hasCompleted() {
        return current != null || !completed.isEmpty();
    }

    /** Waits up to {@code ms} for a fetch response (or {@link #wakeup()}). */
    public void awaitData(long ms) throws InterruptedException {
        if (ms <= 0) {
            return;
        }
        synchronized (signal) {
            if (completed.isEmpty()) {
                signal.wait(ms);
            }
        }
    }

    /** Wakes a thread in {@link #awaitData}. */
    public void wakeup() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Drops buffered data of partitions no longer assigned. */
    public void clearBufferedFor(java.util.Collection<TopicPartition> partitions) {
        if (current != null && partitions.contains(current.tp)) {
            pending.remove(current.tp);
            current = null;
        }
        completed.removeIf(f -> {
            if (partitions.contains(f.tp)) {
                pending.remove(f.tp);
                return true;
            }
            return false;
        });
    }

    /**
     * Takes up to max.poll.records records from the buffered responses, advancing positions.
     *
     * @throws RecordDeserializationException if a record cannot be deserialized and no record precedes it in this
     *                                        call (the position stays at that record)
     */
    public ConsumerRecords<K, V> collect() {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> out = new LinkedHashMap<>();
        int left = settings.maxPollRecords();
        while (left > 0) {
            if (current != null && !stillCurrent(current)) {
                // seek(), seekToBeginning/End() or pause() since the last poll: what is left of this fetch is not
                // what the application asks for next (it would skip or repeat records); fetch again from the
                // position when the partition is fetchable
                pending.remove(current.tp);
                current = null;
            }
            if (current == null) {
                CompletedFetch next = completed.poll();
                if (next == null) {
                    break;
                }
                if (!accept(next)) {
                    pending.remove(next.tp);
                    continue;
                }
                current = next;
            }
            CompletedFetch f = current;
            List<ConsumerRecord<K, V>> list = out.computeIfAbsent(f.tp, k -> new ArrayList<>());
            int before = list.size();
            boolean exhausted;
            try {
                exhausted = drain(f, list, left);
            } catch (RecordDeserializationException e) {
                if (list.isEmpty()) {
                    out.remove(f.tp);
                }
                if (!out.isEmpty()) {
                    break; // return what precedes it; the next poll throws
                }
                throw e;
            }
            left -= list.size() - before;
            if (list.isEmpty()) {
                out.remove(f.tp);
            }
            if (exhausted) {
                pending.remove(f.tp);
                current = null;
            }
        }
        return out.isEmpty() ? ConsumerRecords.empty() : new ConsumerRecords<>(out);
    }

    private boolean stillCurrent(CompletedFetch f) {
        Long position = subscriptions.position(f.tp);
        return position != null && position == f.nextPosition && !subscriptions.isPaused(f.tp);
    }

    /** Whether a completed fetch still matches the partition's state; handles its error if not. */
    private boolean accept(CompletedFetch f) {
        TopicPartition tp = f.tp;
        Long position = subscriptions.position(tp);
        if (position == null || position != f.fetchOffset || subscriptions.isPaused(tp)) {
            return false;
        }
        switch (f.error) {
            case NONE -> {
                subscriptions.highWatermark(tp, f.highWatermark);
                return true;
            }
            case OFFSET_OUT_OF_RANGE -> {
                if (subscriptions.defaultReset() == SubscriptionState.Reset.NONE) {
                    throw new TributaryException(Errors.OFFSET_OUT_OF_RANGE, "offset " + position + " of " + tp
                        + " is out of range and auto.offset.reset is none");
                }
                log.info("offset {} of {} is out of range; resetting to the {} offset", position, tp,
                    subscriptions.defaultReset().name().toLowerCase(java.util.Locale.ROOT));
                subscriptions.requestReset(tp, subscriptions.defaultReset());
                return false;
            }
            case NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, FENCED_LEADER_EPOCH,
                 UNKNOWN_LEADER_EPOCH, KAFKA_STORAGE_ERROR, UNKNOWN_TOPIC_ID -> {
                metadata.requestUpdate();
                return false;
            }
            case TOPIC_AUTHORIZATION_FAILED -> throw new TributaryException(f.error, "not authorized to read " + tp);
            default -> {
                log.warn("fetch of {} failed: {}", tp, f.error);
                return false;
            }
        }
    }

    /** Moves records of {@code f} into {@code out}; returns true when {@code f} has no more. */
    private boolean drain(CompletedFetch f, List<ConsumerRecord<K, V>> out, int max) {
        TopicPartition tp = f.tp;
        long position = subscriptions.position(tp);
        // records before the position this drain starts from are skipped (the start of a compressed batch)
        final long floor = position;
        int taken = 0;
        try {
            while (taken < max) {
                if (f.remainingInBatch == 0) {
                    if (f.batch != null) {
                        position = Math.max(position, f.batch.nextOffset());
                        f.batch = null;
                    }
                    if (!f.batches.hasNext()) {
                        return true;
                    }
                    RecordBatch b = f.batches.next();
                    int batchAt = f.nextBatchAt; // batches are contiguous
                    f.nextBatchAt += b.sizeInBytes();
                    if (b.nextOffset() <= position) {
                        continue;
                    }
                    if (settings.checkCrcs()) {
                        b.ensureValid();
                    }
                    startAbortedTransactions(f, b);
                    if (b.isControlBatch()) {
                        if (isAbortMarker(b)) {
                            f.abortingProducers.remove(b.producerId()); // that transaction ends here
                        }
                        position = Math.max(position, b.nextOffset());
                        continue;
                    }
                    if (b.isTransactional() && f.abortingProducers.contains(b.producerId())) {
                        position = Math.max(position, b.nextOffset());
                        continue;
                    }
                    f.batch = b;
                    if (f.fetched != null && b.compressionType() == CompressionType.NONE) {
                        f.data = f.fetched;
                        f.pos = batchAt + RecordBatchDescriptor.RECORDS_OFFSET;
                        f.limit = batchAt + b.sizeInBytes();
                    } else {
                        ByteBuffer section = b.decompressedRecords(CompressionType.DEFAULT_MAX_DECOMPRESSED_BYTES);
                        if (section.hasArray()) {
                            f.data = section.array();
                            f.pos = section.arrayOffset() + section.position();
                        } else {
                            f.data = new byte[section.remaining()];
                            section.duplicate().get(f.data);
                            f.pos = 0;
                        }
                        f.limit = f.pos + section.remaining();
                    }
                    f.start = f.pos;
                    f.remainingInBatch = b.recordCount();
                    f.baseOffset = b.baseOffset();
                    f.timestampType = b.timestampType();
                    f.logAppendTime = f.timestampType == TimestampType.LOG_APPEND_TIME;
                    f.timestampBase = f.logAppendTime ? b.maxTimestamp() : b.baseTimestamp();
                }
                ConsumerRecord<K, V> r = decode(f, floor);
                if (r == null) { // before the position (the start of a compressed batch)
                    f.remainingInBatch--;
                    continue;
                }
                out.add(r);
                f.remainingInBatch--;
                position = r.offset() + 1;
                taken++;
            }
            return false;
        } finally {
            if (subscriptions.isAssigned(tp)) {
                subscriptions.position(tp, position);
            }
            f.nextPosition = position;
        }
    }

    /**
     * read_committed: notes the aborted transactions that have begun by the end of {@code b}. The broker lists
     * the aborted transactions overlapping the fetched range (producer id, first offset); a transactional batch of
     * such a producer from that first offset up to the producer's abort marker is aborted and skipped.
     */
    private void startAbortedTransactions(CompletedFetch f, RecordBatch b) {
        while (!f.abortedTransactions.isEmpty() && f.abortedTransactions.peek()[1] <= b.lastOffset()) {
            f.abortingProducers.add(f.abortedTransactions.poll()[0]);
        }
    }

    private static boolean isAbortMarker(RecordBatch b) {
        if (!b.isTransactional()) {
            return false;
        }
        java.util.Iterator<io.tributary.record.Record> records = b.iterator();
        return records.hasNext() && io.tributary.record.ControlRecordType.parse(records.next().key())
            == io.tributary.record.ControlRecordType.ABORT;
    }

    /** Decodes the next record of {@code f}'s current batch; null if its offset is before {@code floor}. */
    private ConsumerRecord<K, V> decode(CompletedFetch f, long floor) {
        int start = f.pos;
        int length = varint(f);
        int end = f.pos + length;
        next(f); // attributes
        long timestampDelta = varlong(f);
        int offsetDelta = varint(f);
        long offset = f.baseOffset + offsetDelta;
        if (offset < floor) {
            moveTo(f, end);
            return null;
        }
        byte[] key = bytes(f);
        byte[] value = bytes(f);
        int headerCount = varint(f);
        List<Header> headers;
        if (headerCount <= 0) {
            headers = List.of();
        } else {
            headers = new ArrayList<>(headerCount);
            for (int i = 0; i < headerCount; i++) {
                byte[] k = bytes(f);
                headers.add(new Header(k == null ? "" : new String(k, StandardCharsets.UTF_8), bytes(f)));
            }
            headers = java.util.Collections.unmodifiableList(headers);
        }
        moveTo(f, end);
        long timestamp = f.logAppendTime ? f.timestampBase : f.timestampBase + timestampDelta;
        TopicPartition tp = f.tp;
        String topic = tp.topic();
        K k;
        V v;
        try {
            k = keyDeserializer.deserialize(topic, headers, key);
            v = valueDeserializer.deserialize(topic, headers, value);
        } catch (RuntimeException e) {
            f.pos = start;
            throw new RecordDeserializationException(tp, offset, "cannot deserialize the record at offset " + offset
                + " of " + tp + ": " + e.getMessage() + " (seek past it to skip it)", e);
        }
        return new ConsumerRecord<>(topic, tp.partition(), offset, timestamp, f.timestampType, k, v, headers,
            key == null ? -1 : key.length, value == null ? -1 : value.length);
    }

    // Reads of the records section at f.pos, failing as a ByteBuffer's relative reads of it would.

    private byte next(CompletedFetch f) {
        int p = f.pos;
        if (p >= f.limit) {
            throw new java.nio.BufferUnderflowException();
        }
        f.pos = p + 1;
        return f.data[p];
    }

    private void moveTo(CompletedFetch f, int end) {
        if (end > f.limit || end < f.start) {
            throw new IllegalArgumentException("record end " + end + " is past the end of the batch");
        }
        f.pos = end;
    }

    private int varint(CompletedFetch f) {
        byte b = next(f);
        if (b >= 0) { // one byte, the usual case
            return (b >>> 1) ^ -(b & 1);
        }
        int raw = b & 0x7f;
        for (int shift = 7; shift < 35; shift += 7) {
            b = next(f);
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("unsigned varint is longer than 5 bytes");
    }

    private long varlong(CompletedFetch f) {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = next(f);
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("varlong is longer than 10 bytes");
    }

    private byte[] bytes(CompletedFetch f) {
        int len = varint(f);
        if (len < 0) {
            return null;
        }
        int p = f.pos;
        if (len > f.limit - p) {
            throw new java.nio.BufferUnderflowException();
        }
        f.pos = p + len;
        return java.util.Arrays.copyOfRange(f.data, p, p + len);
    }
}
