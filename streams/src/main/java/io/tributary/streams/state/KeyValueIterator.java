package io.tributary.streams.state;

import io.tributary.streams.kstream.KeyValue;
import java.io.Closeable;
import java.util.Iterator;

/**
 * An iterator over a store's entries in key order (of the serialized keys, compared as unsigned bytes). Close it
 * when done (a persistent store holds resources while it is open); try-with-resources is the usual way.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KeyValueIterator<K, V> extends Iterator<KeyValue<K, V>>, Closeable {
    /** The key of the next entry, without moving on. */
    K peekNextKey();

    @Override
    void close();
}
