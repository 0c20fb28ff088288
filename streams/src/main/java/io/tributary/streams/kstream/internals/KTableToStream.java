package io.tributary.streams.kstream.internals;

import io.tributary.streams.processor.internals.ProcessorNode;

/** {@code toStream}: each table update becomes a stream record with the key's new value (null for a deletion). */
final class KTableToStream extends ProcessorNode {
    @Override
    public void process(Object key, Object value) {
        forward(key, ((Change<?>) value).newValue());
    }
}
