package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.KeyValueMapper;
import io.tributary.streams.processor.internals.ProcessorNode;

/** {@code map}: forwards the key and value the mapper returns; a null result drops the record. */
final class KStreamMap<K, V> extends ProcessorNode {
    private final KeyValueMapper<? super K, ? super V, ? extends KeyValue<?, ?>> mapper;

    KStreamMap(KeyValueMapper<? super K, ? super V, ? extends KeyValue<?, ?>> mapper) {
        this.mapper = mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        KeyValue<?, ?> out = mapper.apply((K) key, (V) value);
        if (out != null) {
            forward(out.key(), out.value());
        }
    }
}
