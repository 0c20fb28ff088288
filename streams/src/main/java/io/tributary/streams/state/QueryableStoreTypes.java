package io.tributary.streams.state;

import io.tributary.streams.state.internals.CompositeReadOnlyKeyValueStore;
import io.tributary.streams.state.internals.CompositeReadOnlyWindowStore;
import io.tributary.streams.state.internals.StateStoreProvider;

/**
 * The store kinds interactive queries serve ({@code TributaryStreams.store(name, type)}):
 *
 * <pre>{@code
 * ReadOnlyKeyValueStore<String, Long> counts = streams.store("counts", QueryableStoreTypes.keyValueStore());
 * Long apples = counts.get("apple");
 * }</pre>
 */
public final class QueryableStoreTypes {
    private QueryableStoreTypes() {
    }

    /** Key-value stores, read through {@link ReadOnlyKeyValueStore}. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValueStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof ReadOnlyKeyValueStore<?, ?>;
            }

            @Override
            public ReadOnlyKeyValueStore<K, V> create(StateStoreProvider provider, String storeName) {
                return new CompositeReadOnlyKeyValueStore<>(provider, this, storeName);
            }
        };
    }

    /** Window stores, read through {@link ReadOnlyWindowStore}. */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof ReadOnlyWindowStore<?, ?>;
            }

            @Override
            public ReadOnlyWindowStore<K, V> create(StateStoreProvider provider, String storeName) {
                return new CompositeReadOnlyWindowStore<>(provider, this, storeName);
            }
        };
    }
}
