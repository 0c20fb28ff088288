package io.tributary.streams.state.internals;

import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.QueryableStoreType;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import java.util.Objects;

/**
 * An interactive query's view of a key-value store across the local tasks: each call finds the running tasks'
 * instances anew (so it follows rebalances, and fails with {@code InvalidStateStoreException} while there are
 * none to trust). {@link #get} asks each task until one has the key; {@link #range} and {@link #all} go through the
 * tasks one after another (sorted within each task, not across them, as in Kafka Streams). Read-only.
 */
public final class CompositeReadOnlyKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final StateStoreProvider provider;
    private final QueryableStoreType<ReadOnlyKeyValueStore<K, V>> type;
    private final String storeName;

    public CompositeReadOnlyKeyValueStore(StateStoreProvider provider,
                                          QueryableStoreType<ReadOnlyKeyValueStore<K, V>> type, String storeName) {
        this.provider = provider;
        this.type = type;
        this.storeName = storeName;
    }

    @Override
    public V get(K key) {
        Objects.requireNonNull(key, "key");
        for (ReadOnlyKeyValueStore<K, V> store : provider.stores(storeName, type)) {
            V value = store.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return new ConcatenatedIterator<>(provider.stores(storeName, type), s -> s.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return new ConcatenatedIterator<>(provider.stores(storeName, type), ReadOnlyKeyValueStore::all);
    }

    @Override
    public long approximateNumEntries() {
        long total = 0;
        for (ReadOnlyKeyValueStore<K, V> store : provider.stores(storeName, type)) {
            total += store.approximateNumEntries();
            if (total < 0) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return "ReadOnlyKeyValueStore(" + storeName + ")";
    }
}
