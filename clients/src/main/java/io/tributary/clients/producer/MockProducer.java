package io.tributary.clients.producer;

import io.tributary.clients.PartitionInfo;
import io.tributary.clients.serialization.SerializationException;
import io.tributary.clients.serialization.Serializer;
import io.tributary.common.Errors;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.record.Header;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Producer} for tests of code that produces: it talks to no broker, remembers every record sent
 * ({@link #history()}) and acknowledges sends either at once ({@code autoComplete}) or when the test says so
 * ({@link #completeNext()}, {@link #errorNext(RuntimeException)}, {@link #flush()}).
 *
 * <p>Keys and values go through the serializers as in {@link TributaryProducer}: a serializer that throws fails
 * only that send (future and callback get a {@link SerializationException}) and the record is not recorded. A
 * record without a partition goes where Kafka's default partitioner would put it: murmur2 of the serialized key
 * modulo the topic's partition count (set with {@link #setPartitionCount}, else the default given to the
 * constructor); keyless records go to partition 0. Offsets count up from 0 per partition, in completion order.
 * Thread-safe; callbacks run on the thread that completes the send.
 *
 * <pre>{@code
 * MockProducer<String, String> p = new MockProducer<>(false, Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER);
 * CompletableFuture<RecordMetadata> f = p.send(new ProducerRecord<>("t", "k", "v"));
 * p.completeNext();                       // f completes with offset 0
 * assertThat(p.history()).hasSize(1);
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class MockProducer<K, V> implements Producer<K, V> {
    private final boolean autoComplete;
    private final int defaultPartitions;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Time time;
    private final List<ProducerRecord<K, V>> history = new ArrayList<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private boolean closed;
    private int flushes;

    /** A send waiting for {@link #completeNext()} or {@link #errorNext(RuntimeException)}. */
    private record Pending(TopicPartition partition, long timestamp, int keySize, int valueSize,
                           CompletableFuture<RecordMetadata> future, Callback callback) {
    }

    /**
     * @param autoComplete      acknowledge each send at once (else the test completes sends)
     * @param defaultPartitions partitions of a topic not given to {@link #setPartitionCount} (at least 1)
     * @param keySerializer     serializer of keys
     * @param valueSerializer   serializer of values
     * @param time              clock for records without a timestamp
     */
    public MockProducer(boolean autoComplete, int defaultPartitions, Serializer<K> keySerializer,
                        Serializer<V> valueSerializer, Time time) {
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("defaultPartitions : " + defaultPartitions + " (expected: >= 1)");
        }
        this.autoComplete = autoComplete;
        this.defaultPartitions = defaultPartitions;
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** A mock producer whose topics have one partition, on the system clock. */
    public MockProducer(boolean autoComplete, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(autoComplete, 1, keySerializer, valueSerializer, Time.SYSTEM);
    }

    /** Gives {@code topic} {@code count} partitions for keyed placement and {@link #partitionsFor}. */
    public synchronized MockProducer<K, V> setPartitionCount(String topic, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count : " + count + " (expected: >= 1)");
        }
        partitionCounts.put(topic, count);
        return this;
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        Pending p;
        try {
            p = accept(record, callback);
        } catch (RuntimeException e) {
            if (callback != null) {
                callback.onCompletion(null, e);
            }
            return CompletableFuture.failedFuture(e);
        }
        if (autoComplete) {
            complete(p);
        }
        return p.future;
    }

    private synchronized Pending accept(ProducerRecord<K, V> record, Callback callback) {
        if (closed) {
            throw new IllegalStateException("cannot send after the producer is closed");
        }
        List<Header> headers = new ArrayList<>(record.headers());
        byte[] key;
        byte[] value;
        try {
            key = keySerializer.serialize(record.topic(), headers, record.key());
        } catch (RuntimeException e) {
            throw new SerializationException("cannot serialize the key of a record for " + record.topic() + ": "
                + e.getMessage(), e);
        }
        try {
            value = valueSerializer.serialize(record.topic(), headers, record.value());
        } catch (RuntimeException e) {
            throw new SerializationException("cannot serialize the value of a record for " + record.topic() + ": "
                + e.getMessage(), e);
        }
        int n = partitionCounts.getOrDefault(record.topic(), defaultPartitions);
        int partition;
        if (record.partition() != null) {
            if (record.partition() >= n) {
                throw new TributaryException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "partition " + record.partition()
                    + " of " + record.topic() + " does not exist (the topic has " + n + ")");
            }
            partition = record.partition();
        } else {
            partition = key == null ? 0 : Murmur2.partitionForKey(key, n);
        }
        long timestamp = record.timestamp() != null ? record.timestamp() : time.milliseconds();
        history.add(record);
        Pending p = new Pending(new TopicPartition(record.topic(), partition), timestamp,
            key == null ? -1 : key.length, value == null ? -1 : value.length, new CompletableFuture<>(), callback);
        if (!autoComplete) {
            pending.add(p);
        }
        return p;
    }

    private void complete(Pending p) {
        long offset;
        synchronized (this) {
            offset = nextOffsets.merge(p.partition, 1L, Long::sum) - 1;
        }
        RecordMetadata m = new RecordMetadata(p.partition, offset, p.timestamp, p.keySize, p.valueSize);
        if (p.callback != null) {
            p.callback.onCompletion(m, null);
        }
        p.future.complete(m);
    }

    /** Acknowledges the oldest unacknowledged send; false if there is none. */
    public boolean completeNext() {
        Pending p;
        synchronized (this) {
            p = pending.poll();
        }
        if (p == null) {
            return false;
        }
        complete(p);
        return true;
    }

    /** Fails the oldest unacknowledged send with {@code e}; false if there is none. */
    public boolean errorNext(RuntimeException e) {
        Objects.requireNonNull(e, "e");
        Pending p;
        synchronized (this) {
            p = pending.poll();
        }
        if (p == null) {
            return false;
        }
        if (p.callback != null) {
            p.callback.onCompletion(null, e);
        }
        p.future.completeExceptionally(e);
        return true;
    }

    /** Acknowledges every unacknowledged send, in order. */
    @Override
    public void flush() {
        synchronized (this) {
            flushes++;
        }
        while (completeNext()) {
            // each call completes one
        }
    }

    /** Every record accepted since creation or the last {@link #clear()}, in send order. */
    public synchronized List<ProducerRecord<K, V>> history() {
        return List.copyOf(history);
    }

    /** Forgets the history and any unacknowledged sends (their futures never complete). */
    public synchronized void clear() {
        history.clear();
        pending.clear();
    }

    /** How many sends wait for acknowledgement. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** How often {@link #flush()} was called. */
    public synchronized int flushCount() {
        return flushes;
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean closed() {
        return closed;
    }

    /** Partitions of {@code topic} (without leaders: there is no cluster). */
    @Override
    public synchronized List<PartitionInfo> partitionsFor(String topic) {
        int n = partitionCounts.getOrDefault(topic, defaultPartitions);
        List<PartitionInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new PartitionInfo(topic, i, null, -1, List.of(), List.of()));
        }
        return out;
    }

    /** Marks the producer closed; later sends fail. Unacknowledged sends stay pending. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public void close(Duration timeout) {
        close();
    }
}
