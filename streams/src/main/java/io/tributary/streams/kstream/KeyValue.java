package io.tributary.streams.kstream;

/**
 * A key and a value, the result of {@link KStream#map}.
 *
 * @param key   the key, may be null
 * @param value the value, may be null
 * @param <K>   key type
 * @param <V>   value type
 */
public record KeyValue<K, V>(K key, V value) {
    /** Shorthand for {@code new KeyValue<>(key, value)}. */
    public static <K, V> KeyValue<K, V> pair(K key, V value) {
        return new KeyValue<>(key, value);
    }
}
