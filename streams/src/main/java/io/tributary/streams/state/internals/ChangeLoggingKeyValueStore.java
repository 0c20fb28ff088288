package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.state.KeyValueStore;
import java.util.Objects;

/**
 * The typed face of an {@link InMemoryKeyValueStore}: serializes keys and values, and sends every write to the
 * store's changelog partition (the task's partition) so the store can be rebuilt after a restart. The changelog
 * record carries the timestamp of the input record that caused the write.
 */
public final class ChangeLoggingKeyValueStore<K, V> implements KeyValueStore<K, V> {
    private final InMemoryKeyValueStore inner;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final String changelogTopic;
    private final ProcessorContextImpl context;

    public ChangeLoggingKeyValueStore(InMemoryKeyValueStore inner, Serde<K> keySerde, Serde<V> valueSerde,
                                      String changelogTopic, ProcessorContextImpl context) {
        this.inner = inner;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.changelogTopic = changelogTopic;
        this.context = context;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public V get(K key) {
        byte[] bytes = inner.get(serializeKey(key));
        return bytes == null ? null : valueSerde.deserializer().deserialize(changelogTopic, bytes);
    }

    @Override
    public void put(K key, V value) {
        byte[] k = serializeKey(key);
        byte[] v = value == null ? null : valueSerde.serializer().serialize(changelogTopic, value);
        inner.put(k, v);
        context.collector().send(changelogTopic, context.partition(), context.timestamp(), k, v);
    }

    @Override
    public V delete(K key) {
        V old = get(key);
        put(key, null);
        return old;
    }

    @Override
    public java.util.List<K> keys() {
        java.util.List<K> out = new java.util.ArrayList<>();
        for (byte[] k : inner.keys()) {
            out.add(keySerde.deserializer().deserialize(changelogTopic, k));
        }
        return out;
    }

    @Override
    public long approximateNumEntries() {
        return inner.size();
    }

    private byte[] serializeKey(K key) {
        Objects.requireNonNull(key, "key");
        return keySerde.serializer().serialize(changelogTopic, key);
    }
}
