package io.tributary.streams;

import io.tributary.clients.serialization.Serializer;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.test.TestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An input topic of a {@link TopologyTestDriver}: each pipe runs the record through the topology at once. Records
 * piped without a time get the topic's current time, which then moves on by the auto-advance step.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TestInputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private Instant currentTime;
    private final Duration autoAdvance;

    TestInputTopic(TopologyTestDriver driver, String topic, Serializer<K> keySerializer,
                   Serializer<V> valueSerializer, Instant startTime, Duration autoAdvance) {
        this.driver = driver;
        this.topic = topic;
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
        this.currentTime = Objects.requireNonNull(startTime, "startTime");
        if (autoAdvance.isNegative()) {
            throw new IllegalArgumentException("autoAdvance : " + autoAdvance + " (expected: not negative)");
        }
        this.autoAdvance = autoAdvance;
    }

    /** Moves the topic's current time on by {@code advance}. */
    public void advanceTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance : " + advance + " (expected: not negative)");
        }
        currentTime = currentTime.plus(advance);
    }

    private Instant nextTime() {
        Instant t = currentTime;
        currentTime = currentTime.plus(autoAdvance);
        return t;
    }

    /** Pipes {@code record}; without a record time it gets the topic's current time. */
    public void pipeInput(TestRecord<K, V> record) {
        Instant time = record.recordTime() != null ? record.recordTime() : nextTime();
        driver.pipe(topic, keySerializer.serialize(topic, record.key()),
            valueSerializer.serialize(topic, record.value()), time.toEpochMilli(), record.headers());
    }

    /** Pipes a value with a null key. */
    public void pipeInput(V value) {
        pipeInput(new TestRecord<>(value));
    }

    /** Pipes a key and value. */
    public void pipeInput(K key, V value) {
        pipeInput(new TestRecord<>(key, value));
    }

    /** Pipes a key and value with this time. */
    public void pipeInput(K key, V value, Instant time) {
        pipeInput(new TestRecord<>(key, value, time));
    }

    /** Pipes a key and value with this time in milliseconds. */
    public void pipeInput(K key, V value, long timestampMs) {
        pipeInput(new TestRecord<>(key, value, null, timestampMs));
    }

    /** Pipes a value with a null key and this time. */
    public void pipeInput(V value, Instant time) {
        pipeInput(new TestRecord<>(null, value, time));
    }

    /** Pipes each record in order. */
    public void pipeRecordList(List<? extends TestRecord<K, V>> records) {
        records.forEach(this::pipeInput);
    }

    /** Pipes each key and value in order. */
    public void pipeKeyValueList(List<KeyValue<K, V>> pairs) {
        pairs.forEach(kv -> pipeInput(kv.key(), kv.value()));
    }

    /** Pipes each value, with null keys, in order. */
    public void pipeValueList(List<V> values) {
        values.forEach(this::pipeInput);
    }

    @Override
    public String toString() {
        return "TestInputTopic[topic=" + topic + ", currentTime=" + currentTime + "]";
    }
}
