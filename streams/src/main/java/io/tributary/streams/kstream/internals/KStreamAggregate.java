package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aggregate} and {@code count}: folds each value into its key's aggregate in the store, then forwards the
 * key with the new aggregate (every update, no caching). Null keys and null values are skipped.
 */
final class KStreamAggregate<K, V, VA> extends ProcessorNode {
    private static final Logger log = LoggerFactory.getLogger(KStreamAggregate.class);

    private final String storeName;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private KeyValueStore<K, VA> store;

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
        VA old = store.get(k);
        VA updated = aggregator.apply(k, (V) value, old == null ? initializer.apply() : old);
        store.put(k, updated);
        forward(k, new Change<>(updated, old));
    }
}
