package io.tributary.streams.state.internals;

import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.QueryableStoreType;
import io.tributary.streams.state.ReadOnlyWindowStore;
import io.tributary.streams.state.WindowStoreIterator;
import java.util.List;
import java.util.Objects;

/**
 * An interactive query's view of a window store across the local tasks (see
 * {@link CompositeReadOnlyKeyValueStore}): a key's windows come from the task that has any; {@link #fetchAll} and
 * {@link #all} go through the tasks one after another. Read-only.
 */
public final class CompositeReadOnlyWindowStore<K, V> implements ReadOnlyWindowStore<K, V> {
    private final StateStoreProvider provider;
    private final QueryableStoreType<ReadOnlyWindowStore<K, V>> type;
    private final String storeName;

    public CompositeReadOnlyWindowStore(StateStoreProvider provider,
                                        QueryableStoreType<ReadOnlyWindowStore<K, V>> type, String storeName) {
        this.provider = provider;
        this.type = type;
        this.storeName = storeName;
    }

    @Override
    public V fetch(K key, long windowStart) {
        Objects.requireNonNull(key, "key");
        for (ReadOnlyWindowStore<K, V> store : provider.stores(storeName, type)) {
            V value = store.fetch(key, windowStart);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        Objects.requireNonNull(key, "key");
        List<ReadOnlyWindowStore<K, V>> stores = provider.stores(storeName, type);
        ConcatenatedIterator<ReadOnlyWindowStore<K, V>, Long, V> it =
            new ConcatenatedIterator<>(stores, s -> s.fetch(key, timeFrom, timeTo));
        return new WindowStoreIterator<>() {
            @Override
            public Long peekNextKey() {
                return it.peekNextKey();
            }

            @Override
            public void close() {
                it.close();
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Long, V> next() {
                return it.next();
            }
        };
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return new ConcatenatedIterator<>(provider.stores(storeName, type), s -> s.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return new ConcatenatedIterator<>(provider.stores(storeName, type), ReadOnlyWindowStore::all);
    }

    @Override
    public String toString() {
        return "ReadOnlyWindowStore(" + storeName + ")";
    }
}
