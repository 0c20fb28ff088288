package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;
import io.tributary.streams.state.internals.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aggregate} and {@code count}: folds each value into its key's aggregate in the store, then forwards the
 * key with the new aggregate (every update, no caching), stamped with the latest timestamp among the aggregated
 * records, as Kafka Streams does. Null keys and null values are skipped.
 */
final class KStreamAggregate<K, V, VA> extends ProcessorNode {
    private static final Logger log = LoggerFactory.getLogger(KStreamAggregate.class);

    private final String storeName;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private TimestampedKeyValueStore<K, VA> store;

    KStreamAggregate(String storeName, Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator) {
        this.storeName = storeName;
        this.initializer = initializer;
        this.aggregator = aggregator;
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
            log.debug("store {}: skipping a record with a null key or value at {}@{}", storeName,
                context().topic(), context().offset());
            return;
        }
        K k = (K) key;
        ValueAndTimestamp<VA> previous = store.getWithTimestamp(k);
        VA old = ValueAndTimestamp.valueOrNull(previous);
        VA updated = aggregator.apply(k, (V) value, old == null ? initializer.apply() : old);
        // Kafka Streams' rule: an update is as late as the latest record in the aggregate
        long timestamp = previous == null ? context().timestamp() : Math.max(context().timestamp(),
            previous.timestamp());
        store.put(k, updated, timestamp);
        forward(k, new Change<>(updated, old), timestamp);
    }
}
