package io.tributary.streams.state.internals;

import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.state.KeyValueIterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A typed iterator over a bytes iterator: {@code mapper} turns each raw entry into a typed one, or null to skip it
 * (an entry of another key, an expired window).
 */
final class MappedIterator<K, V> implements KeyValueIterator<K, V> {
    private final KeyValueIterator<byte[], byte[]> raw;
    private final Function<KeyValue<byte[], byte[]>, KeyValue<K, V>> mapper;
    private KeyValue<K, V> next;

    MappedIterator(KeyValueIterator<byte[], byte[]> raw, Function<KeyValue<byte[], byte[]>, KeyValue<K, V>> mapper) {
        this.raw = raw;
        this.mapper = mapper;
        advance();
    }

    private void advance() {
        next = null;
        while (next == null && raw.hasNext()) {
            next = mapper.apply(raw.next());
        }
    }

    @Override
    public K peekNextKey() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        return next.key();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public KeyValue<K, V> next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        KeyValue<K, V> out = next;
        advance();
        return out;
    }

    @Override
    public void close() {
        raw.close();
    }
}
