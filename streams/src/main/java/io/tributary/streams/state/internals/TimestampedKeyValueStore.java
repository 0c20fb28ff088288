package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The key-value store of the DSL's tables and aggregations: each value is kept with the timestamp of the record that
 * set it. Reads through the {@link KeyValueStore} interface (interactive queries, the test driver) see plain values;
 * the DSL's nodes use {@link #getWithTimestamp} and {@link #put(Object, Object, long)}.
 *
 * <p>Layout of a value in the bytes store, and why the changelog differs from it:
 * <pre>
 *  0                8
 *  +----------------+------------------------+
 *  | timestamp (BE) | serialized value ...   |
 *  +----------------+------------------------+
 * </pre>
 * The changelog record carries only the serialized value, with the timestamp as the record's timestamp (as Kafka
 * Streams logs its timestamped stores), so the changelog is readable with the value serde; {@link #restore} puts the
 * prefix back.
 */
public final class TimestampedKeyValueStore<K, V> implements KeyValueStore<K, V>, InternalStore {
    /** Offset of the timestamp in a stored value. */
    static final int TIMESTAMP_OFFSET = 0;
    /** Offset of the serialized value in a stored value. */
    static final int VALUE_OFFSET = TIMESTAMP_OFFSET + Long.BYTES;

    private final String name;
    private final BytesStore bytes;
    private final boolean persistent;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private StoreContext context;
    private String changelogTopic;
    private String serdeTopic;

    public TimestampedKeyValueStore(String name, BytesStore bytes, boolean persistent, Serde<K> keySerde,
                                    Serde<V> valueSerde) {
        this.name = name;
        this.bytes = bytes;
        this.persistent = persistent;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.serdeTopic = name;
    }

    @Override
    public void init(StoreContext context, String changelogTopic) {
        this.context = context;
        this.changelogTopic = changelogTopic;
        this.serdeTopic = changelogTopic != null ? changelogTopic : context.applicationId() + "-" + name + "-changelog";
        bytes.open(context.storeDir(name));
    }

    @Override
    public BytesStore bytes() {
        return bytes;
    }

    @Override
    public void restore(byte[] key, byte[] value, long timestamp) {
        bytes.put(key, value == null ? null : withTimestamp(value, timestamp));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    /** The value of {@code key} with its timestamp, or null. */
    public ValueAndTimestamp<V> getWithTimestamp(K key) {
        byte[] stored = bytes.get(key(key));
        return stored == null ? null : new ValueAndTimestamp<>(value(stored), timestamp(stored));
    }

    @Override
    public V get(K key) {
        return ValueAndTimestamp.valueOrNull(getWithTimestamp(key));
    }

    /** Sets {@code key} to {@code value} stamped {@code timestamp}; a null value deletes the key. */
    public void put(K key, V value, long timestamp) {
        byte[] k = key(key);
        byte[] v = value == null ? null : valueSerde.serializer().serialize(serdeTopic, value);
        bytes.put(k, v == null ? null : withTimestamp(v, timestamp));
        if (changelogTopic != null) {
            context.logChange(changelogTopic, k, v, timestamp);
        }
    }

    /** Puts with the timestamp of the record being processed. */
    @Override
    public void put(K key, V value) {
        put(key, value, context.timestamp());
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> e : entries) {
            put(e.key(), e.value());
        }
    }

    @Override
    public V delete(K key) {
        V old = get(key);
        if (old != null) {
            put(key, null);
        }
        return old;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return typed(bytes.range(from == null ? null : key(from), to == null ? null : key(to)));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return typed(bytes.all());
    }

    @Override
    public long approximateNumEntries() {
        return bytes.approximateNumEntries();
    }

    @Override
    public void close() {
        bytes.flush();
        bytes.close();
    }

    private KeyValueIterator<K, V> typed(KeyValueIterator<byte[], byte[]> raw) {
        return new MappedIterator<>(raw, e -> KeyValue.pair(keySerde.deserializer().deserialize(serdeTopic, e.key()),
            value(e.value())));
    }

    private byte[] key(K key) {
        Objects.requireNonNull(key, "key");
        return keySerde.serializer().serialize(serdeTopic, key);
    }

    private V value(byte[] stored) {
        return valueSerde.deserializer().deserialize(serdeTopic, Arrays.copyOfRange(stored, VALUE_OFFSET,
            stored.length));
    }

    private static long timestamp(byte[] stored) {
        return ByteBuffer.wrap(stored, TIMESTAMP_OFFSET, Long.BYTES).getLong();
    }

    private static byte[] withTimestamp(byte[] value, long timestamp) {
        return ByteBuffer.allocate(VALUE_OFFSET + value.length).putLong(TIMESTAMP_OFFSET, timestamp)
            .put(VALUE_OFFSET, value).array();
    }

    @Override
    public String toString() {
        return "TimestampedKeyValueStore(" + name + ")";
    }
}
