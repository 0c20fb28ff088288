package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Serde;

/**
 * How a stream is grouped: the serdes of its keys and values (used by the repartition topic, if any, and by the
 * state store and changelog unless {@link Materialized} names others), and the name of the repartition topic.
 * A null serde means "the one the stream already has".
 *
 * <p>When the key may have changed since the source ({@link KStream#groupBy}, or {@link KStream#groupByKey} after
 * {@code map}, {@code selectKey} or {@code flatMap}), the records first go through the repartition topic
 * {@code <application.id>-<name>-repartition}; {@code name} defaults to the aggregation's store name.
 *
 * @param name       the repartition topic's name (without the application id and "-repartition"), or null
 * @param keySerde   key serde, or null to inherit
 * @param valueSerde value serde, or null to inherit
 * @param <K>        key type
 * @param <V>        value type
 */
public record Grouped<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Grouped {
        if (name != null && !name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("name : " + name + " (expected: letters, digits, '.', '_' or '-')");
        }
    }

    /** Groups with these serdes. */
    public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(null, keySerde, valueSerde);
    }

    /** Groups with the stream's serdes, naming the repartition topic {@code name}. */
    public static <K, V> Grouped<K, V> as(String name) {
        return new Grouped<>(name, null, null);
    }

    /** This grouping with the key serde {@code keySerde}. */
    public Grouped<K, V> withKeySerde(Serde<K> keySerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    /** This grouping with the value serde {@code valueSerde}. */
    public Grouped<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }
}
