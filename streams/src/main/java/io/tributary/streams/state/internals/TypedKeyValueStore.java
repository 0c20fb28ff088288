package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.KeyValueStore;
import java.util.List;
import java.util.Objects;

/**
 * A key-value store over a {@link BytesStore}: serializes keys and values with the store's serdes and, when logging
 * is on, sends every write to the changelog partition of the task, stamped with the write's timestamp. Here the
 * bytes store holds the serialized value as it is (so a restore copies changelog records back unchanged);
 * {@link TimestampedKeyValueStore} overrides {@link #stored} and {@link #serialized} to keep the timestamp too.
 */
public class TypedKeyValueStore<K, V> implements KeyValueStore<K, V>, InternalStore {
    private final String name;
    final BytesStore bytes;
    private final boolean persistent;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private StoreContext context;
    private String changelogTopic;
    private String serdeTopic;

    public TypedKeyValueStore(String name, BytesStore bytes, boolean persistent, Serde<K> keySerde,
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
    public String name() {
        return name;
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    @Override
    public V get(K key) {
        return value(bytes.get(key(key)));
    }

    /** Puts with the timestamp of the record being processed. */
    @Override
    public void put(K key, V value) {
        put(key, value, context.timestamp());
    }

    /** Sets {@code key} to {@code value} written at {@code timestamp}; a null value deletes the key. */
    public void put(K key, V value, long timestamp) {
        byte[] k = key(key);
        byte[] v = value == null ? null : valueSerde.serializer().serialize(serdeTopic, value);
        bytes.put(k, v == null ? null : stored(v, timestamp));
        if (changelogTopic != null) {
            context.logChange(changelogTopic, k, v, timestamp);
        }
    }

    @Override
    public void restore(byte[] key, byte[] value, long timestamp) {
        bytes.put(key, value == null ? null : stored(value, timestamp));
    }

    /** What the bytes store holds for a serialized value written at {@code timestamp}: the value itself here. */
    byte[] stored(byte[] serializedValue, long timestamp) {
        return serializedValue;
    }

    /** The serialized value inside what the bytes store holds: all of it here. */
    byte[] serialized(byte[] stored) {
        return stored;
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

    byte[] key(K key) {
        Objects.requireNonNull(key, "key");
        return keySerde.serializer().serialize(serdeTopic, key);
    }

    V value(byte[] stored) {
        return stored == null ? null : valueSerde.deserializer().deserialize(serdeTopic, serialized(stored));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
