package io.tributary.streams.kstream.internals;

import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;
import io.tributary.streams.state.internals.ValueAndTimestamp;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a join looks up a table's current row: from the table's own store, or computed from its parent's (an
 * unmaterialized filter, mapValues or join). {@code storeNames} are the stores the lookup reads, which the joining
 * processor is connected to.
 *
 * @param getters    makes one getter per task
 * @param storeNames the stores read
 * @param <K>        key type
 * @param <V>        value type
 */
record TableView<K, V>(Supplier<Getter<K, V>> getters, List<String> storeNames) {
    /** Looks up the rows of one task. */
    interface Getter<K, V> {
        void init(ProcessorContextImpl context);

        /** The row of {@code key} with its timestamp, or null. */
        ValueAndTimestamp<V> get(K key);
    }

    /** The view of the table held in the store {@code storeName}. */
    static <K, V> TableView<K, V> ofStore(String storeName) {
        return new TableView<>(() -> new StoreGetter<K, V>(storeName), List.of(storeName));
    }

    /** Reads a table's own store. */
    private static final class StoreGetter<K, V> implements Getter<K, V> {
        private final String storeName;
        private TimestampedKeyValueStore<K, V> store;

        StoreGetter(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContextImpl context) {
            store = context.store(storeName);
        }

        @Override
        public ValueAndTimestamp<V> get(K key) {
            return store.getWithTimestamp(key);
        }
    }

    /** This view with each row passed through {@code derive} (null drops the row). */
    <VR> TableView<K, VR> derived(RowFunction<K, V, VR> derive) {
        return new TableView<>(() -> new DerivedGetter<>(getters.get(), derive), storeNames);
    }

    /** A parent's getter with each row passed through a function, keeping the row's timestamp. */
    private static final class DerivedGetter<K, V, VR> implements Getter<K, VR> {
        private final Getter<K, V> parent;
        private final RowFunction<K, V, VR> derive;

        DerivedGetter(Getter<K, V> parent, RowFunction<K, V, VR> derive) {
            this.parent = parent;
            this.derive = derive;
        }

        @Override
        public void init(ProcessorContextImpl context) {
            parent.init(context);
        }

        @Override
        public ValueAndTimestamp<VR> get(K key) {
            ValueAndTimestamp<V> row = parent.get(key);
            if (row == null) {
                return null;
            }
            VR value = derive.apply(key, row.value());
            return value == null ? null : new ValueAndTimestamp<>(value, row.timestamp());
        }
    }

    /** A function of a row's key and value; null means no row. */
    interface RowFunction<K, V, VR> {
        VR apply(K key, V value);
    }
}
