package io.tributary.streams.kstream.internals;

import io.tributary.streams.StreamsException;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.KeyValueMapper;
import io.tributary.streams.processor.internals.ProcessorNode;

/**
 * {@code KTable.groupBy}: maps a row's old and new values to their groups and forwards, towards the repartition
 * topic, the subtraction {@code Change(null, oldValue)} to the old group and the addition {@code Change(newValue,
 * null)} to the new group, in that order; a row that stays in its group sends one {@code Change(newValue, oldValue)}
 * (so its aggregate is updated once, as Kafka Streams does since 3.5). A selected pair with a null key or value is
 * not sent.
 */
final class KTableRepartitionMap<K, V, KR, VR> extends ProcessorNode {
    private final KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector;

    KTableRepartitionMap(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector) {
        this.selector = selector;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        if (key == null) {
            throw new StreamsException("a table row has a null key in " + name());
        }
        K k = (K) key;
        Change<V> change = (Change<V>) value;
        KeyValue<KR, VR> newPair = change.newValue() == null ? null : selector.apply(k, change.newValue());
        KeyValue<KR, VR> oldPair = change.oldValue() == null ? null : selector.apply(k, change.oldValue());
        boolean hasNew = newPair != null && newPair.key() != null && newPair.value() != null;
        boolean hasOld = oldPair != null && oldPair.key() != null && oldPair.value() != null;
        if (hasNew && hasOld && oldPair.key().equals(newPair.key())) {
            forward(newPair.key(), new Change<>(newPair.value(), oldPair.value()));
            return;
        }
        if (hasOld) {
            forward(oldPair.key(), new Change<>(null, oldPair.value()));
        }
        if (hasNew) {
            forward(newPair.key(), new Change<>(newPair.value(), null));
        }
    }
}
