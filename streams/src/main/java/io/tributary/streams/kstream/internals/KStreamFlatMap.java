package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.KeyValueMapper;
import io.tributary.streams.processor.internals.ProcessorNode;

/** {@code flatMap}: forwards every key-value pair the mapper returns, in order; a null result forwards nothing. */
final class KStreamFlatMap<K, V> extends ProcessorNode {
    private final KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<?, ?>>> mapper;

    KStreamFlatMap(KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<?, ?>>> mapper) {
        this.mapper = mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        Iterable<? extends KeyValue<?, ?>> out = mapper.apply((K) key, (V) value);
        if (out != null) {
            for (KeyValue<?, ?> pair : out) {
                forward(pair.key(), pair.value());
            }
        }
    }
}
