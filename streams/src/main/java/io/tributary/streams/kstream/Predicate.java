package io.tributary.streams.kstream;

/**
 * A test of a record's key and value, for {@link KStream#filter} and {@link KStream#filterNot}.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface Predicate<K, V> {
    /** True if the record passes. */
    boolean test(K key, V value);
}
