package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.ValueMapper;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;

/**
 * {@code KTable.mapValues}: maps the new value (and the old one when the table sends old values; a materialized
 * table takes it from its store). Null stays null: the mapper never sees a deletion.
 */
final class KTableMapValues<K, V, VR> extends ProcessorNode {
    private final ValueMapper<? super V, ? extends VR> mapper;
    private final String storeName;
    private final SendOldValues sendOldValues;
    private TimestampedKeyValueStore<K, VR> store;
    private boolean sendOld;

    KTableMapValues(ValueMapper<? super V, ? extends VR> mapper, String storeName, SendOldValues sendOldValues) {
        this.mapper = mapper;
        this.storeName = storeName;
        this.sendOldValues = sendOldValues;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        store = storeName == null ? null : context.store(storeName);
        sendOld = sendOldValues.enabled();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        K k = (K) key;
        Change<V> change = (Change<V>) value;
        VR newValue = change.newValue() == null ? null : mapper.apply(change.newValue());
        VR oldValue = !sendOld ? null
            : store != null ? store.get(k)
            : change.oldValue() == null ? null : mapper.apply(change.oldValue());
        if (store != null) {
            store.put(k, newValue, context().timestamp());
        }
        forward(k, new Change<>(newValue, oldValue));
    }
}
