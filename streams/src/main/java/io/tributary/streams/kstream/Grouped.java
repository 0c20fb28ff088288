package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Serde;

/**
 * The serdes of a grouped stream's keys and values (used by its state store and changelog unless
 * {@link Materialized} names others). A null serde means "the one the stream already has".
 *
 * @param keySerde   key serde, or null to inherit
 * @param valueSerde value serde, or null to inherit
 * @param <K>        key type
 * @param <V>        value type
 */
public record Grouped<K, V>(Serde<K> keySerde, Serde<V> valueSerde) {
    /** Groups with these serdes. */
    public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(keySerde, valueSerde);
    }
}
