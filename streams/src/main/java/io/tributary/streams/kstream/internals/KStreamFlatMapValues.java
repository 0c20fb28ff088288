package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.ValueMapper;
import io.tributary.streams.processor.internals.ProcessorNode;

/** {@code flatMapValues}: forwards the key once with each value the mapper returns; null forwards nothing. */
final class KStreamFlatMapValues<V> extends ProcessorNode {
    private final ValueMapper<? super V, ? extends Iterable<?>> mapper;

    KStreamFlatMapValues(ValueMapper<? super V, ? extends Iterable<?>> mapper) {
        this.mapper = mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        Iterable<?> out = mapper.apply((V) value);
        if (out != null) {
            for (Object v : out) {
                forward(key, v);
            }
        }
    }
}
