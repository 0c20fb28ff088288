package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.KeyValueBytesStoreSupplier;
import io.tributary.streams.state.SessionBytesStoreSupplier;
import io.tributary.streams.state.Stores;
import io.tributary.streams.state.WindowBytesStoreSupplier;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where an aggregation or table keeps its state: the store's name (which also names its changelog topic,
 * {@code <application.id>-<name>-changelog}), the serdes of its keys and values, whether it is logged, how long a
 * window store keeps windows, and optionally the storage (in memory by default; a persistent supplier from
 * {@link Stores} for state larger than memory).
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
    private final KeyValueBytesStoreSupplier keyValueSupplier;
    private final WindowBytesStoreSupplier windowSupplier;
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private Duration retention;
    private boolean loggingEnabled = true;
    private Map<String, String> logConfig = Map.of();

    private Materialized(String storeName, KeyValueBytesStoreSupplier keyValueSupplier,
                         WindowBytesStoreSupplier windowSupplier) {
        this.storeName = storeName;
        this.keyValueSupplier = keyValueSupplier;
        this.windowSupplier = windowSupplier;
    }

    /**
     * A store named {@code storeName}: letters, digits, '.', '_' and '-' only, as it becomes part of a topic name.
     */
    public static <K, V> Materialized<K, V> as(String storeName) {
        Stores.checkName(storeName);
        return new Materialized<>(storeName, null, null);
    }

    /** A key-value store from {@code supplier} (for example {@code Stores.persistentKeyValueStore(name)}). */
    public static <K, V> Materialized<K, V> as(KeyValueBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return new Materialized<>(supplier.name(), supplier, null);
    }

    /** A window store from {@code supplier}, for windowed aggregations. */
    public static <K, V> Materialized<K, V> as(WindowBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return new Materialized<>(supplier.name(), null, supplier);
    }

    /** An unnamed store with these serdes (its name is derived; see {@link KGroupedStream#count()}). */
    public static <K, V> Materialized<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Materialized<K, V>(null, null, null).withKeySerde(keySerde).withValueSerde(valueSerde);
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

    /**
     * Keeps windows for {@code retention} after their start (windowed stores only; at least the window size plus
     * the grace period, which is also the default).
     */
    public Materialized<K, V> withRetention(Duration retention) {
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention : " + retention + " (expected: not negative)");
        }
        this.retention = retention;
        return this;
    }

    /** Logs writes to a changelog topic created with {@code config} added to its defaults (logging is the default). */
    public Materialized<K, V> withLoggingEnabled(Map<String, String> config) {
        this.loggingEnabled = true;
        this.logConfig = Map.copyOf(Objects.requireNonNull(config, "config"));
        return this;
    }

    /** No changelog: the store is rebuilt from nothing when its task moves or restarts. */
    public Materialized<K, V> withLoggingDisabled() {
        this.loggingEnabled = false;
        this.logConfig = Map.of();
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

    /** The retention of a window store, or null for the default. */
    public Duration retention() {
        return retention;
    }

    /** Whether the store is logged to a changelog topic. */
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** Extra changelog topic configs. */
    public Map<String, String> logConfig() {
        return logConfig;
    }

    /** The key-value storage given, or null for the default (in memory). */
    public KeyValueBytesStoreSupplier keyValueSupplier() {
        return keyValueSupplier;
    }

    /** The window storage given, or null for the default (in memory). */
    public WindowBytesStoreSupplier windowSupplier() {
        return windowSupplier;
    }

    /** Set by {@link #as(SessionBytesStoreSupplier)}; kept apart so the constructor stays as it is. */
    private SessionBytesStoreSupplier sessionSupplier;

    /** A session store from {@code supplier}, for session-windowed aggregations. */
    public static <K, V> Materialized<K, V> as(SessionBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier");
        Materialized<K, V> m = new Materialized<>(supplier.name(), null, null);
        m.sessionSupplier = supplier;
        return m;
    }

    /** The session storage given, or null for the default (in memory). */
    public SessionBytesStoreSupplier sessionSupplier() {
        return sessionSupplier;
    }
}
