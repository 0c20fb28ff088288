package io.tributary.streams.state;

/**
 * A key-value state store of one task, read and written by the task's processors. Keys are compared by their
 * serialized bytes. Not thread-safe: only the task's stream thread touches it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KeyValueStore<K, V> {
    /** The store's name. */
    String name();

    /** The value of {@code key}, or null. */
    V get(K key);

    /** Sets the value of {@code key}; a null value deletes the key. Logged to the changelog when it has one. */
    void put(K key, V value);

    /** Removes {@code key}; returns its old value or null. */
    V delete(K key);

    /** A snapshot of every key held, in no particular order (it may be changed while iterating the list). */
    java.util.List<K> keys();

    /** The number of keys held. */
    long approximateNumEntries();
}
