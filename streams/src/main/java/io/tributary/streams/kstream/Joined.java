package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Serde;

/**
 * Options of a stream-table join: the serdes of the stream's keys and values (used when the stream must first go
 * through a repartition topic because its key changed), the table's value serde (informational here: the table
 * keeps its own), and the name of that repartition topic, {@code <application.id>-<name>-repartition}. A null serde
 * means "the one the stream already has".
 *
 * <pre>{@code orders.join(customers, (o, c) -> o + "/" + c, Joined.with(Serdes.string(), Serdes.string(), null))}</pre>
 *
 * @param keySerde        the stream's key serde, or null
 * @param valueSerde      the stream's value serde, or null
 * @param otherValueSerde the table's value serde, or null
 * @param name            the repartition topic's name (without the application id and "-repartition"), or null
 * @param <K>             key type
 * @param <V>             the stream's value type
 * @param <VO>            the table's value type
 */
public record Joined<K, V, VO>(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde, String name) {
    public Joined {
        if (name != null && !name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("name : " + name + " (expected: letters, digits, '.', '_' or '-')");
        }
    }

    /** A join with these serdes. */
    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, null);
    }

    /** A join with the stream's serdes, naming its repartition topic {@code name}. */
    public static <K, V, VO> Joined<K, V, VO> as(String name) {
        return new Joined<>(null, null, null, name);
    }

    /** This join with the key serde {@code keySerde}. */
    public Joined<K, V, VO> withKeySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }

    /** This join with the stream's value serde {@code valueSerde}. */
    public Joined<K, V, VO> withValueSerde(Serde<V> valueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }

    /** This join with the table's value serde {@code otherValueSerde}. */
    public Joined<K, V, VO> withOtherValueSerde(Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }

    /** This join with its repartition topic named {@code name}. */
    public Joined<K, V, VO> withName(String name) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }
}
