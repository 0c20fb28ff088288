package io.tributary.streams.kstream;

/**
 * Computes a new value (a new key, or a whole {@link KeyValue}) from a record's key and value.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
@FunctionalInterface
public interface KeyValueMapper<K, V, R> {
    R apply(K key, V value);
}
