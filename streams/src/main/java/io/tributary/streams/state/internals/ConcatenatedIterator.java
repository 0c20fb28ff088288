package io.tributary.streams.state.internals;

import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.state.KeyValueIterator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The entries of several stores' iterators, one store after another (each in its own key order: a key lives in one
 * task, so nothing repeats). Each underlying iterator is opened when reached and closed when exhausted or at
 * {@link #close()}.
 */
final class ConcatenatedIterator<S, K, V> implements KeyValueIterator<K, V> {
    private final Deque<S> pending;
    private final Function<S, KeyValueIterator<K, V>> open;
    private KeyValueIterator<K, V> current;

    ConcatenatedIterator(List<S> stores, Function<S, KeyValueIterator<K, V>> open) {
        this.pending = new ArrayDeque<>(stores);
        this.open = open;
    }

    private boolean advance() {
        while (current == null || !current.hasNext()) {
            if (current != null) {
                current.close();
                current = null;
            }
            if (pending.isEmpty()) {
                return false;
            }
            current = open.apply(pending.poll());
        }
        return true;
    }

    @Override
    public boolean hasNext() {
        return advance();
    }

    @Override
    public K peekNextKey() {
        if (!advance()) {
            throw new NoSuchElementException();
        }
        return current.peekNextKey();
    }

    @Override
    public KeyValue<K, V> next() {
        if (!advance()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        pending.clear();
    }
}
