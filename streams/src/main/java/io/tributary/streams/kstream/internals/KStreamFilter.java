package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.Predicate;
import io.tributary.streams.processor.internals.ProcessorNode;

/** {@code filter} and {@code filterNot}: forwards the records the predicate accepts (or, negated, rejects). */
final class KStreamFilter<K, V> extends ProcessorNode {
    private final Predicate<? super K, ? super V> predicate;
    private final boolean negate;

    KStreamFilter(Predicate<? super K, ? super V> predicate, boolean negate) {
        this.predicate = predicate;
        this.negate = negate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        if (predicate.test((K) key, (V) value) != negate) {
            forward(key, value);
        }
    }
}
