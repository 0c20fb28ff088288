package io.tributary.streams.kstream.internals;

import io.tributary.streams.processor.internals.ProcessorNode;

/** Forwards every record unchanged: the node of {@code merge} (two parents) and of each branch of {@code split}. */
final class KStreamPassThrough extends ProcessorNode {
    @Override
    public void process(Object key, Object value) {
        forward(key, value);
    }
}
