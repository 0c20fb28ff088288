package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.Predicate;
import io.tributary.streams.processor.internals.ProcessorNode;
import java.util.List;

/**
 * {@code split}: sends each record to the child of the first predicate that accepts it (child {@code i} for
 * predicate {@code i}), or to the default child (the one after the predicates) if there is one; otherwise drops it.
 */
final class KStreamBranch<K, V> extends ProcessorNode {
    private final List<Predicate<? super K, ? super V>> predicates;
    private final boolean hasDefault;

    KStreamBranch(List<Predicate<? super K, ? super V>> predicates, boolean hasDefault) {
        this.predicates = List.copyOf(predicates);
        this.hasDefault = hasDefault;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        for (int i = 0; i < predicates.size(); i++) {
            if (predicates.get(i).test((K) key, (V) value)) {
                forwardTo(i, key, value);
                return;
            }
        }
        if (hasDefault) {
            forwardTo(predicates.size(), key, value);
        }
    }
}
