package io.tributary.streams.kstream.internals;

import io.tributary.streams.StreamsException;
import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;
import io.tributary.streams.state.internals.ValueAndTimestamp;

/**
 * {@code KGroupedTable.aggregate/count}: applies a change read from the repartition topic to its key's aggregate —
 * the subtractor on the old value first (if the key has an aggregate), then the adder on the new value (starting
 * from the initializer if needed) — stores it and forwards one update. The result's timestamp is the larger of the
 * record's and the aggregate's previous one (Kafka Streams' rule). Only a subtraction from an absent aggregate
 * leaves it absent: that update is a tombstone.
 */
final class KTableAggregate<K, V, VA> extends ProcessorNode {
    private final String storeName;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> adder;
    private final Aggregator<? super K, ? super V, VA> subtractor;
    private TimestampedKeyValueStore<K, VA> store;

    KTableAggregate(String storeName, Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> adder,
                    Aggregator<? super K, ? super V, VA> subtractor) {
        this.storeName = storeName;
        this.initializer = initializer;
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
            throw new StreamsException("a table aggregation into store " + storeName + " got a null key");
        }
        K k = (K) key;
        Change<V> change = (Change<V>) value;
        long timestamp = context().timestamp();
        ValueAndTimestamp<VA> previous = store.getWithTimestamp(k);
        VA old = ValueAndTimestamp.valueOrNull(previous);
        long updated = previous == null ? timestamp : Math.max(timestamp, previous.timestamp());
        VA aggregate = old;
        long newTimestamp = timestamp;
        if (change.oldValue() != null && old != null) {
            aggregate = subtractor.apply(k, change.oldValue(), old);
            newTimestamp = updated;
        }
        if (change.newValue() != null) {
            aggregate = adder.apply(k, change.newValue(), aggregate == null ? initializer.apply() : aggregate);
            newTimestamp = updated;
        }
        store.put(k, aggregate, newTimestamp);
        forward(k, new Change<>(aggregate, old), newTimestamp);
    }
}
