package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.KeyValueMapper;
import io.tributary.streams.processor.internals.ProcessorNode;

/** {@code selectKey}: forwards the value unchanged under the mapper's key. */
final class KStreamSelectKey<K, V> extends ProcessorNode {
    private final KeyValueMapper<? super K, ? super V, ?> mapper;

    KStreamSelectKey(KeyValueMapper<? super K, ? super V, ?> mapper) {
        this.mapper = mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        forward(mapper.apply((K) key, (V) value), value);
    }
}
