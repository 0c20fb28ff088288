package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Serde;
import java.util.Objects;

/**
 * How a stream is written to a topic: the serdes of its keys and values. Records are placed in partitions by the
 * producer's default partitioner (murmur2 of the serialized key).
 *
 * @param keySerde   writes keys
 * @param valueSerde writes values
 * @param <K>        key type
 * @param <V>        value type
 */
public record Produced<K, V>(Serde<K> keySerde, Serde<V> valueSerde) {
    public Produced {
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** Writes keys with {@code keySerde} and values with {@code valueSerde}. */
    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde);
    }
}
