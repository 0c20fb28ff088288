package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.ForeachAction;
import io.tributary.streams.processor.internals.ProcessorNode;

/** {@code peek} (forwards the record after the action) and {@code foreach} (a terminal node). */
final class KStreamPeek<K, V> extends ProcessorNode {
    private final ForeachAction<? super K, ? super V> action;
    private final boolean forwardDownstream;

    KStreamPeek(ForeachAction<? super K, ? super V> action, boolean forwardDownstream) {
        this.action = action;
        this.forwardDownstream = forwardDownstream;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        action.apply((K) key, (V) value);
        if (forwardDownstream) {
            forward(key, value);
        }
    }
}
