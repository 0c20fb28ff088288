package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Serde;

/**
 * How {@link KStream#repartition(Repartitioned)} writes its records: the repartition topic's name (it becomes
 * {@code <application.id>-<name>-repartition}) and the serdes; null means "the stream's own" (the name: derived
 * from the source topics, {@code <source topics>-<n>}). The topic has as many partitions as the
 * largest source topic.
 *
 * @param name       the repartition topic's name, or null
 * @param keySerde   key serde, or null to inherit
 * @param valueSerde value serde, or null to inherit
 * @param <K>        key type
 * @param <V>        value type
 */
public record Repartitioned<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Repartitioned {
        if (name != null && !name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("name : " + name + " (expected: letters, digits, '.', '_' or '-')");
        }
    }

    /** A repartition topic named {@code name}, with the stream's serdes. */
    public static <K, V> Repartitioned<K, V> as(String name) {
        return new Repartitioned<>(name, null, null);
    }

    /** An unnamed repartition topic with these serdes. */
    public static <K, V> Repartitioned<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Repartitioned<>(null, keySerde, valueSerde);
    }

    /** This with the key serde {@code keySerde}. */
    public Repartitioned<K, V> withKeySerde(Serde<K> keySerde) {
        return new Repartitioned<>(name, keySerde, valueSerde);
    }

    /** This with the value serde {@code valueSerde}. */
    public Repartitioned<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Repartitioned<>(name, keySerde, valueSerde);
    }
}
