package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.Predicate;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;

/**
 * {@code KTable.filter/filterNot}: a row that does not match becomes a deletion. When the table sends old values,
 * the old value is filtered too and an update that matches neither before nor after is dropped; otherwise every
 * non-matching update is forwarded as a tombstone (Kafka Streams' behaviour for an unmaterialized parent). A
 * materialized filter keeps the matching rows in its store and takes the old value from there.
 */
final class KTableFilter<K, V> extends ProcessorNode {
    private final Predicate<? super K, ? super V> predicate;
    private final boolean not;
    private final String storeName;
    private final SendOldValues sendOldValues;
    private TimestampedKeyValueStore<K, V> store;
    private boolean sendOld;

    KTableFilter(Predicate<? super K, ? super V> predicate, boolean not, String storeName,
                 SendOldValues sendOldValues) {
        this.predicate = predicate;
        this.not = not;
        this.storeName = storeName;
        this.sendOldValues = sendOldValues;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        store = storeName == null ? null : context.store(storeName);
        sendOld = sendOldValues.enabled();
    }

    V matching(K key, V value) {
        return value != null && (not ^ predicate.test(key, value)) ? value : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        K k = (K) key;
        Change<V> change = (Change<V>) value;
        V newValue = matching(k, change.newValue());
        V oldValue = !sendOld ? null : store != null ? store.get(k) : matching(k, change.oldValue());
        if (sendOld && newValue == null && oldValue == null) {
            return;
        }
        if (store != null) {
            store.put(k, newValue, context().timestamp());
        }
        forward(k, new Change<>(newValue, oldValue));
    }
}
