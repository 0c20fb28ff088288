package io.tributary.streams.kstream;

/**
 * Folds a new value into a key's aggregate, for {@link KGroupedStream#aggregate}.
 *
 * @param <K>  key type
 * @param <V>  value type
 * @param <VA> aggregate type
 */
@FunctionalInterface
public interface Aggregator<K, V, VA> {
    VA apply(K key, V value, VA aggregate);
}
