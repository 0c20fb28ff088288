package io.tributary.streams.kstream;

/**
 * Chooses the output topic of each record for {@link KStream#to(TopicNameExtractor, Produced)}. The topics must
 * exist (or the broker must create them on first use).
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {
    /** The topic {@code key} and {@code value} go to; never null. */
    String extract(K key, V value);
}
