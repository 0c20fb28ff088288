package io.tributary.streams.kstream.internals;

import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;

/**
 * The node both sides of a table-table join forward to: the join's table. It stores each update when the join is
 * materialized and passes it on.
 */
final class KTableKTableJoinMerger<K, V> extends ProcessorNode {
    private final String storeName;
    private TimestampedKeyValueStore<K, V> store;

    KTableKTableJoinMerger(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        store = storeName == null ? null : context.store(storeName);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        if (store != null) {
            store.put((K) key, ((Change<V>) value).newValue(), context().timestamp());
        }
        forward(key, value);
    }
}
