package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.ValueMapper;
import io.tributary.streams.processor.internals.ProcessorNode;

/** {@code mapValues}: forwards the key unchanged with the mapper's value. */
final class KStreamMapValues<V> extends ProcessorNode {
    private final ValueMapper<? super V, ?> mapper;

    KStreamMapValues(ValueMapper<? super V, ?> mapper) {
        this.mapper = mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        forward(key, mapper.apply((V) value));
    }
}
