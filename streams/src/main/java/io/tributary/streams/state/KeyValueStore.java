package io.tributary.streams.state;

import io.tributary.streams.kstream.KeyValue;
import java.util.List;

/**
 * A key-value state store of one task. Keys are compared by their serialized bytes. Every write goes to the
 * store's changelog topic when logging is enabled (the default), so the store can be rebuilt elsewhere.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
    /** Sets the value of {@code key} (not null); a null value deletes the key. */
    void put(K key, V value);

    /** Puts {@code value} unless {@code key} has a value; returns that value, or null if it put. */
    V putIfAbsent(K key, V value);

    /** Puts every entry, in order. */
    void putAll(List<KeyValue<K, V>> entries);

    /** Removes {@code key}; returns its old value or null. */
    V delete(K key);
}
