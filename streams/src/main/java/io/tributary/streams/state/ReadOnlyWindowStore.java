package io.tributary.streams.state;

import io.tributary.streams.kstream.Windowed;

/**
 * The reading side of a window store: values per key and window start.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface ReadOnlyWindowStore<K, V> {
    /** The value of {@code key} in the window starting at {@code windowStart}, or null. */
    V fetch(K key, long windowStart);

    /** The windows of {@code key} that start between {@code timeFrom} and {@code timeTo}, both inclusive. */
    WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo);

    /** The windows of every key that start between {@code timeFrom} and {@code timeTo}, both inclusive. */
    KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo);

    /** Every window held. */
    KeyValueIterator<Windowed<K>, V> all();
}
