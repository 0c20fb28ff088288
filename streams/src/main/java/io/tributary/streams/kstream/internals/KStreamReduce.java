package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.Reducer;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;
import io.tributary.streams.state.internals.ValueAndTimestamp;

/**
 * {@code reduce}: the first value of a key is its aggregate; each later one is combined with the reducer. Forwards
 * every update. Null keys and null values are skipped.
 */
final class KStreamReduce<K, V> extends ProcessorNode {
    private final String storeName;
    private final Reducer<V> reducer;
    private TimestampedKeyValueStore<K, V> store;

    KStreamReduce(String storeName, Reducer<V> reducer) {
        this.storeName = storeName;
        this.reducer = reducer;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        store = context.store(storeName);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        if (key == null || value == null) {
            return;
        }
        K k = (K) key;
        ValueAndTimestamp<V> previous = store.getWithTimestamp(k);
        V old = ValueAndTimestamp.valueOrNull(previous);
        V updated = old == null ? (V) value : reducer.apply(old, (V) value);
        // Kafka Streams' rule: an update is as late as the latest record in the aggregate
        long timestamp = previous == null ? context().timestamp() : Math.max(context().timestamp(),
            previous.timestamp());
        store.put(k, updated, timestamp);
        forward(k, new Change<>(updated, old), timestamp);
    }
}
