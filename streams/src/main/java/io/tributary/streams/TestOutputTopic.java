package io.tributary.streams;

import io.tributary.clients.serialization.Deserializer;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.test.TestRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An output topic of a {@link TopologyTestDriver}: reads, in order, the records the topology sent to it. Each read
 * removes the record.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TestOutputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TestOutputTopic(TopologyTestDriver driver, String topic, Deserializer<K> keyDeserializer,
                    Deserializer<V> valueDeserializer) {
        this.driver = driver;
        this.topic = topic;
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
    }

    /**
     * The next record.
     *
     * @throws NoSuchElementException if the topic holds no unread record
     */
    public TestRecord<K, V> readRecord() {
        TopologyTestDriver.Output out = driver.read(topic);
        if (out == null) {
            throw new NoSuchElementException("no record left in topic " + topic);
        }
        return new TestRecord<>(keyDeserializer.deserialize(topic, out.key()),
            valueDeserializer.deserialize(topic, out.value()), out.headers(), out.timestamp());
    }

    /** The next record's value. */
    public V readValue() {
        return readRecord().value();
    }

    /** The next record's key and value. */
    public KeyValue<K, V> readKeyValue() {
        TestRecord<K, V> r = readRecord();
        return KeyValue.pair(r.key(), r.value());
    }

    /** Every unread record. */
    public List<TestRecord<K, V>> readRecordsToList() {
        List<TestRecord<K, V>> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readRecord());
        }
        return out;
    }

    /** Every unread key and value. */
    public List<KeyValue<K, V>> readKeyValuesToList() {
        List<KeyValue<K, V>> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readKeyValue());
        }
        return out;
    }

    /** Every unread value. */
    public List<V> readValuesToList() {
        List<V> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readValue());
        }
        return out;
    }

    /** The latest value of each key among the unread records (a null value removes the key), in first-seen order. */
    public Map<K, V> readKeyValuesToMap() {
        Map<K, V> out = new LinkedHashMap<>();
        while (!isEmpty()) {
            KeyValue<K, V> kv = readKeyValue();
            if (kv.key() == null) {
                throw new IllegalStateException("a record in " + topic + " has a null key; use readKeyValuesToList");
            }
            if (kv.value() == null) {
                out.remove(kv.key());
            } else {
                out.put(kv.key(), kv.value());
            }
        }
        return out;
    }

    /** The number of unread records. */
    public long getQueueSize() {
        return driver.queueSize(topic);
    }

    /** Whether every record has been read. */
    public boolean isEmpty() {
        return getQueueSize() == 0;
    }

    @Override
    public String toString() {
        return "TestOutputTopic[topic=" + topic + ", size=" + getQueueSize() + "]";
    }
}
