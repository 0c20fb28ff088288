package io.tributary.streams.kstream.internals;

import io.tributary.streams.StreamsException;
import io.tributary.streams.kstream.Reducer;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;
import io.tributary.streams.state.internals.ValueAndTimestamp;

/**
 * {@code KGroupedTable.reduce}: like {@link KTableAggregate}, with the first value added to an empty aggregate as
 * the aggregate itself. Timestamps follow Kafka Streams: the larger of the record's and the previous aggregate's
 * when the previous aggregate took part, else the record's.
 */
final class KTableReduce<K, V> extends ProcessorNode {
    private final String storeName;
    private final Reducer<V> adder;
    private final Reducer<V> subtractor;
    private TimestampedKeyValueStore<K, V> store;

    KTableReduce(String storeName, Reducer<V> adder, Reducer<V> subtractor) {
        this.storeName = storeName;
        this.adder = adder;
        this.subtractor = subtractor;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        store = context.store(storeName);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        if (key == null) {
            throw new StreamsException("a table reduce into store " + storeName + " got a null key");
        }
        K k = (K) key;
        Change<V> change = (Change<V>) value;
        long timestamp = context().timestamp();
        ValueAndTimestamp<V> previous = store.getWithTimestamp(k);
        V old = ValueAndTimestamp.valueOrNull(previous);
        V aggregate = old;
        long newTimestamp = timestamp;
        if (change.oldValue() != null && old != null) {
            aggregate = subtractor.apply(old, change.oldValue());
            newTimestamp = Math.max(timestamp, previous.timestamp());
        }
        if (change.newValue() != null) {
            if (aggregate == null) {
                aggregate = change.newValue();
            } else {
                aggregate = adder.apply(aggregate, change.newValue());
                newTimestamp = Math.max(timestamp, previous.timestamp());
            }
        }
        store.put(k, aggregate, newTimestamp);
        forward(k, new Change<>(aggregate, old), newTimestamp);
    }
}
