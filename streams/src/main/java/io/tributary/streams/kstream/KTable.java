package io.tributary.streams.kstream;

/**
 * A changelog of the latest value per key: the result of an aggregation. Each update of a key emits one record
 * downstream (no caching: every update is forwarded).
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KTable<K, V> {
    /** The stream of this table's updates: one record per change of a key. */
    KStream<K, V> toStream();

    /** {@link #toStream()} with its node called {@code named}. */
    KStream<K, V> toStream(Named named);

    /** The name of the state store holding this table. */
    String queryableStoreName();
}
