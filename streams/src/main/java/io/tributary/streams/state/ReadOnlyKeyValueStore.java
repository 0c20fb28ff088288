package io.tributary.streams.state;

/**
 * The reading side of a key-value store: what a processor reads and what interactive queries see.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface ReadOnlyKeyValueStore<K, V> {
    /** The value of {@code key}, or null. */
    V get(K key);

    /**
     * The entries whose serialized key lies between those of {@code from} and {@code to}, both inclusive; a null
     * bound is open.
     */
    KeyValueIterator<K, V> range(K from, K to);

    /** Every entry, in key order. */
    KeyValueIterator<K, V> all();

    /** The number of entries held (exact for in-memory stores, an estimate for persistent ones). */
    long approximateNumEntries();
}
