package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.Stores;
import io.tributary.streams.state.WindowBytesStoreSupplier;
import java.util.Map;
import java.util.Objects;

/**
 * How a stream-stream join keeps its state: the serdes of the key and of each side's values (else the streams'
 * own), the name of its stores ({@code <storeName>-this-join-store}, {@code <storeName>-other-join-store} and, for
 * left and outer joins, {@code <storeName>-outer-shared-join-store}; each with a changelog unless logging is
 * disabled), the name of its repartition topics ({@code <name>-left-repartition}, {@code <name>-right-repartition},
 * used when a side's key may have changed), and optionally the window stores themselves (they must retain
 * duplicates).
 *
 * <pre>{@code
 * StreamJoined.with(Serdes.string(), Serdes.string(), Serdes.longs()).withStoreName("orders-payments")
 * }</pre>
 *
 * <p>Immutable: each {@code with} method returns a new instance.
 *
 * @param <K>  key type
 * @param <V1> this (left) stream's value type
 * @param <V2> the other (right) stream's value type
 */
public final class StreamJoined<K, V1, V2> {
    private final Serde<K> keySerde;
    private final Serde<V1> valueSerde;
    private final Serde<V2> otherValueSerde;
    private final String name;
    private final String storeName;
    private final WindowBytesStoreSupplier thisStoreSupplier;
    private final WindowBytesStoreSupplier otherStoreSupplier;
    private final boolean loggingEnabled;
    private final Map<String, String> logConfig;

    private StreamJoined(Serde<K> keySerde, Serde<V1> valueSerde, Serde<V2> otherValueSerde, String name,
                         String storeName, WindowBytesStoreSupplier thisStoreSupplier,
                         WindowBytesStoreSupplier otherStoreSupplier, boolean loggingEnabled,
                         Map<String, String> logConfig) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.name = name;
        this.storeName = storeName;
        this.thisStoreSupplier = thisStoreSupplier;
        this.otherStoreSupplier = otherStoreSupplier;
        this.loggingEnabled = loggingEnabled;
        this.logConfig = Map.copyOf(logConfig);
    }

    /** A join with these serdes (any may be null: the stream's own is used). */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(Serde<K> keySerde, Serde<V1> valueSerde,
                                                           Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, null, null, null, null, true, Map.of());
    }

    /** A join keeping its windows in stores from these suppliers. */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(WindowBytesStoreSupplier thisStoreSupplier,
                                                           WindowBytesStoreSupplier otherStoreSupplier) {
        return StreamJoined.<K, V1, V2>with(null, null, null).withThisStoreSupplier(thisStoreSupplier)
            .withOtherStoreSupplier(otherStoreSupplier);
    }

    /** A join whose stores are named after {@code storeName}. */
    public static <K, V1, V2> StreamJoined<K, V1, V2> as(String storeName) {
        return StreamJoined.<K, V1, V2>with(null, null, null).withStoreName(storeName);
    }

    /** Names the join's repartition topics (and its stores, unless {@link #withStoreName} names them). */
    public StreamJoined<K, V1, V2> withName(String name) {
        Stores.checkName(name);
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, thisStoreSupplier,
            otherStoreSupplier, loggingEnabled, logConfig);
    }

    /** Names the join's stores {@code <storeName>-this-join-store} and so on. */
    public StreamJoined<K, V1, V2> withStoreName(String storeName) {
        Stores.checkName(storeName);
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, thisStoreSupplier,
            otherStoreSupplier, loggingEnabled, logConfig);
    }

    /** Uses {@code keySerde} for the keys in the stores and repartition topics. */
    public StreamJoined<K, V1, V2> withKeySerde(Serde<K> keySerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, thisStoreSupplier,
            otherStoreSupplier, loggingEnabled, logConfig);
    }

    /** Uses {@code valueSerde} for this (left) stream's values. */
    public StreamJoined<K, V1, V2> withValueSerde(Serde<V1> valueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, thisStoreSupplier,
            otherStoreSupplier, loggingEnabled, logConfig);
    }

    /** Uses {@code otherValueSerde} for the other (right) stream's values. */
    public StreamJoined<K, V1, V2> withOtherValueSerde(Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, thisStoreSupplier,
            otherStoreSupplier, loggingEnabled, logConfig);
    }

    /** Keeps this (left) stream's window in a store from {@code supplier} (which must retain duplicates). */
    public StreamJoined<K, V1, V2> withThisStoreSupplier(WindowBytesStoreSupplier supplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName,
            Objects.requireNonNull(supplier, "supplier"), otherStoreSupplier, loggingEnabled, logConfig);
    }

    /** Keeps the other (right) stream's window in a store from {@code supplier} (which must retain duplicates). */
    public StreamJoined<K, V1, V2> withOtherStoreSupplier(WindowBytesStoreSupplier supplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, thisStoreSupplier,
            Objects.requireNonNull(supplier, "supplier"), loggingEnabled, logConfig);
    }

    /** Logs the stores to changelog topics created with {@code config} added to their defaults (the default). */
    public StreamJoined<K, V1, V2> withLoggingEnabled(Map<String, String> config) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, thisStoreSupplier,
            otherStoreSupplier, true, Objects.requireNonNull(config, "config"));
    }

    /** No changelogs: the join's stores start empty when a task starts. */
    public StreamJoined<K, V1, V2> withLoggingDisabled() {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, name, storeName, thisStoreSupplier,
            otherStoreSupplier, false, Map.of());
    }

    /** The key serde, or null for the left stream's. */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** The left values' serde, or null for the left stream's. */
    public Serde<V1> valueSerde() {
        return valueSerde;
    }

    /** The right values' serde, or null for the right stream's. */
    public Serde<V2> otherValueSerde() {
        return otherValueSerde;
    }

    /** The name of the repartition topics, or null. */
    public String name() {
        return name;
    }

    /** The base name of the stores, or null. */
    public String storeName() {
        return storeName;
    }

    /** The left window's storage, or null for an in-memory store. */
    public WindowBytesStoreSupplier thisStoreSupplier() {
        return thisStoreSupplier;
    }

    /** The right window's storage, or null for an in-memory store. */
    public WindowBytesStoreSupplier otherStoreSupplier() {
        return otherStoreSupplier;
    }

    /** Whether the stores are logged to changelog topics. */
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** Extra changelog topic configs. */
    public Map<String, String> logConfig() {
        return logConfig;
    }
}
