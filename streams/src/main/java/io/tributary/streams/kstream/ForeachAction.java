package io.tributary.streams.kstream;

/**
 * An action on each record, for {@link KStream#peek} and {@link KStream#foreach}.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface ForeachAction<K, V> {
    void apply(K key, V value);
}
