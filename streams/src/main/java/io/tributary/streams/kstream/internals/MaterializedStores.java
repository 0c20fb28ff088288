package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.TopologyException;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.state.KeyValueBytesStoreSupplier;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.state.Stores;
import io.tributary.streams.state.WindowBytesStoreSupplier;
import io.tributary.streams.state.WindowStore;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;
import io.tributary.streams.state.internals.TimestampedKeyValueStoreBuilder;
import java.time.Duration;

/** Turns a {@link Materialized} into the store builder of a DSL operator. */
public final class MaterializedStores {
    private MaterializedStores() {
    }

    /** A key-value store called {@code name} as {@code materialized} describes it. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValue(String name, Materialized<?, ?> materialized,
                                                                   Serde<K> keySerde, Serde<V> valueSerde) {
        rejectSessionSupplier(name, materialized, "key-value");
        if (materialized.windowSupplier() != null || materialized.sessionSupplier() != null) {
            throw new TopologyException("store " + name + ": a " + (materialized.windowSupplier() != null ? "window"
                : "session") + " store supplier was given where a key-value store is needed");
        }
        KeyValueBytesStoreSupplier supplier = materialized.keyValueSupplier() != null
            ? materialized.keyValueSupplier() : Stores.inMemoryKeyValueStore(name);
        return logging(Stores.keyValueStoreBuilder(supplier, keySerde, valueSerde), materialized);
    }

    /**
     * A window store called {@code name} for windows of {@code sizeMs}, kept at least {@code minRetentionMs} (the
     * window size plus grace) or as long as {@code materialized} asks.
     */
    public static <K, V> StoreBuilder<WindowStore<K, V>> window(String name, Materialized<?, ?> materialized,
                                                               long sizeMs, long minRetentionMs,
                                                               boolean retainDuplicates, Serde<K> keySerde,
                                                               Serde<V> valueSerde) {
        rejectSessionSupplier(name, materialized, "window");
        if (materialized.keyValueSupplier() != null) {
            throw new TopologyException("store " + name + ": a key-value store supplier was given where a window "
                + "store is needed");
        }
        long retention = materialized.retention() != null ? materialized.retention().toMillis() : minRetentionMs;
        if (retention < minRetentionMs) {
            throw new TopologyException("store " + name + ": retention " + retention + " ms is shorter than the window "
                + "size plus grace period (" + minRetentionMs + " ms); windows would be dropped before they close");
        }
        WindowBytesStoreSupplier supplier = materialized.windowSupplier();
        if (supplier == null) {
            supplier = Stores.inMemoryWindowStore(name, Duration.ofMillis(retention), Duration.ofMillis(sizeMs),
                retainDuplicates);
        } else if (supplier.windowSizeMs() != sizeMs || supplier.retentionMs() < minRetentionMs) {
            throw new TopologyException("store " + name + ": the window store supplier has window size "
                + supplier.windowSizeMs() + " ms and retention " + supplier.retentionMs() + " ms; this operation needs "
                + "size " + sizeMs + " ms and a retention of at least " + minRetentionMs + " ms");
        }
        // a windowed aggregation keeps each window's latest record time, to stamp its updates as Kafka Streams does
        return logging(new io.tributary.streams.state.internals.WindowStoreBuilder<>(supplier, keySerde, valueSerde,
            true), materialized);
    }

    private static <T extends io.tributary.streams.state.StateStore> StoreBuilder<T> logging(
        StoreBuilder<T> builder, Materialized<?, ?> materialized) {
        return materialized.loggingEnabled() ? builder.withLoggingEnabled(materialized.logConfig())
            : builder.withLoggingDisabled();
    }

    /**
     * The timestamped key-value store of a table or aggregation called {@code name}, as {@code materialized}
     * describes it (each value kept with its record's timestamp).
     */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValue(
        String name, Materialized<?, ?> materialized, Serde<K> keySerde, Serde<V> valueSerde) {
        if (materialized.windowSupplier() != null || materialized.sessionSupplier() != null) {
            throw new TopologyException("store " + name + ": a " + (materialized.windowSupplier() != null ? "window"
                : "session") + " store supplier was given where a key-value store is needed");
        }
        KeyValueBytesStoreSupplier supplier = materialized.keyValueSupplier() != null
            ? materialized.keyValueSupplier() : Stores.inMemoryKeyValueStore(name);
        return logging(new TimestampedKeyValueStoreBuilder<>(supplier, keySerde, valueSerde), materialized);
    }

    /**
     * A session store called {@code name}, keeping sessions at least {@code minRetentionMs} (the inactivity gap plus
     * grace) after their end, or as long as {@code materialized} asks.
     */
    public static <K, V> StoreBuilder<io.tributary.streams.state.SessionStore<K, V>> session(
        String name, Materialized<?, ?> materialized, long minRetentionMs, Serde<K> keySerde, Serde<V> valueSerde) {
        if (materialized.keyValueSupplier() != null || materialized.windowSupplier() != null) {
            throw new TopologyException("store " + name + ": a " + (materialized.keyValueSupplier() != null
                ? "key-value" : "window") + " store supplier was given where a session store is needed");
        }
        long retention = materialized.retention() != null ? materialized.retention().toMillis() : minRetentionMs;
        if (retention < minRetentionMs) {
            throw new TopologyException("store " + name + ": retention " + retention + " ms is shorter than the "
                + "inactivity gap plus grace period (" + minRetentionMs + " ms); sessions would be dropped before they "
                + "close");
        }
        io.tributary.streams.state.SessionBytesStoreSupplier supplier = materialized.sessionSupplier();
        if (supplier == null) {
            supplier = Stores.inMemorySessionStore(name, Duration.ofMillis(retention));
        } else if (supplier.retentionMs() < minRetentionMs) {
            throw new TopologyException("store " + name + ": the session store supplier has retention "
                + supplier.retentionMs() + " ms; this operation needs at least " + minRetentionMs + " ms");
        }
        return logging(Stores.sessionStoreBuilder(supplier, keySerde, valueSerde), materialized);
    }

    private static void rejectSessionSupplier(String name, Materialized<?, ?> materialized, String kind) {
        if (materialized.sessionSupplier() != null) {
            throw new TopologyException("store " + name + ": a session store supplier was given where a " + kind
                + " store is needed");
        }
    }
}
