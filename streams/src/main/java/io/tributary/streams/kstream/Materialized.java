package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Serde;
import java.util.Objects;

/**
 * Where an aggregation keeps its state: the store's name (which also names its changelog topic,
 * {@code <application.id>-<name>-changelog}) and the serdes of its keys and values.
 *
 * <p>Naming a store keeps its state across topology changes; see {@link KGroupedStream#count()} for the name an
 * unnamed store gets.
 *
 * <pre>{@code grouped.count(Materialized.as("word-counts"))}</pre>
 *
 * @param <K> key type
 * @param <V> value (aggregate) type
 */
public final class Materialized<K, V> {
    private final String storeName;
    private Serde<K> keySerde;
    private Serde<V> valueSerde;

    private Materialized(String storeName) {
        this.storeName = storeName;
    }

    /**
     * A store named {@code storeName}: letters, digits, '.', '_' and '-' only, as it becomes part of a topic name.
     */
    public static <K, V> Materialized<K, V> as(String storeName) {
        Objects.requireNonNull(storeName, "storeName");
        if (!storeName.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("storeName : " + storeName
                + " (expected: letters, digits, '.', '_' or '-')");
        }
        return new Materialized<>(storeName);
    }

    /** An unnamed store with these serdes (its name is derived; see {@link KGroupedStream#count()}). */
    public static <K, V> Materialized<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Materialized<K, V>(null).withKeySerde(keySerde).withValueSerde(valueSerde);
    }

    /** Uses {@code keySerde} for the store's keys. */
    public Materialized<K, V> withKeySerde(Serde<K> keySerde) {
        this.keySerde = keySerde;
        return this;
    }

    /** Uses {@code valueSerde} for the store's values. */
    public Materialized<K, V> withValueSerde(Serde<V> valueSerde) {
        this.valueSerde = valueSerde;
        return this;
    }

    /** The store's name, or null for a derived one. */
    public String storeName() {
        return storeName;
    }

    /** The key serde, or null to inherit the grouped stream's. */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** The value serde, or null to inherit (or, for count, longs). */
    public Serde<V> valueSerde() {
        return valueSerde;
    }
}
