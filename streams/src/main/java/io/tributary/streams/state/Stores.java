package io.tributary.streams.state;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.internals.InMemoryBytesStore;
import io.tributary.streams.state.internals.KeyValueStoreBuilder;
import io.tributary.streams.state.internals.RocksDbBytesStore;
import io.tributary.streams.state.internals.WindowStoreBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * Factories of state stores for the Processor API ({@code StreamsBuilder.addStateStore}, {@code Topology.addStateStore}):
 *
 * <pre>{@code
 * builder.addStateStore(Stores.keyValueStoreBuilder(
 *     Stores.inMemoryKeyValueStore("last-seen"), Serdes.string(), Serdes.longs()));
 * }</pre>
 */
public final class Stores {
    private Stores() {
    }

    /** Key-value stores kept in memory (a sorted map), restored from the changelog when a task starts. */
    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        checkName(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean persistent() {
                return false;
            }

            @Override
            public BytesStore get() {
                return new InMemoryBytesStore();
            }
        };
    }

    /**
     * Window stores kept in memory.
     *
     * @param retentionPeriod  how long a window is kept after its start (at least {@code windowSize})
     * @param windowSize       the windows' size
     * @param retainDuplicates true to keep every value put (stream-stream joins), false to replace
     */
    public static WindowBytesStoreSupplier inMemoryWindowStore(String name, Duration retentionPeriod,
                                                               Duration windowSize, boolean retainDuplicates) {
        checkName(name);
        return new WindowBytesStoreSupplier(name, retentionPeriod.toMillis(), windowSize.toMillis(), retainDuplicates,
            false, InMemoryBytesStore::new);
    }

    /** A builder of key-value stores from {@code supplier}, with these serdes. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(KeyValueBytesStoreSupplier supplier,
                                                                                Serde<K> keySerde,
                                                                                Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier");
        return new KeyValueStoreBuilder<>(supplier, Objects.requireNonNull(keySerde, "keySerde"),
            Objects.requireNonNull(valueSerde, "valueSerde"));
    }

    /** A builder of window stores from {@code supplier}, with these serdes. */
    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(WindowBytesStoreSupplier supplier,
                                                                           Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier");
        return new WindowStoreBuilder<>(supplier, Objects.requireNonNull(keySerde, "keySerde"),
            Objects.requireNonNull(valueSerde, "valueSerde"));
    }

    /**
     * Key-value stores in RocksDB, in {@code <state.dir>/<application.id>/<task>/<name>}. A task whose store has a
     * valid checkpoint replays only the changelog records written after it; otherwise the store is wiped and
     * restored in full.
     */
    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        checkName(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean persistent() {
                return true;
            }

            @Override
            public BytesStore get() {
                return new RocksDbBytesStore(name);
            }
        };
    }

    /**
     * Window stores in RocksDB (see {@link #persistentKeyValueStore}).
     *
     * @param retentionPeriod  how long a window is kept after its start (at least {@code windowSize})
     * @param windowSize       the windows' size
     * @param retainDuplicates true to keep every value put (stream-stream joins), false to replace
     */
    public static WindowBytesStoreSupplier persistentWindowStore(String name, Duration retentionPeriod,
                                                                 Duration windowSize, boolean retainDuplicates) {
        checkName(name);
        return new WindowBytesStoreSupplier(name, retentionPeriod.toMillis(), windowSize.toMillis(), retainDuplicates,
            true, () -> new RocksDbBytesStore(name));
    }

    /** Store names become part of topic names: letters, digits, '.', '_' and '-' only. */
    public static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("store name : " + name + " (expected: letters, digits, '.', '_' or '-')");
        }
    }

    /**
     * Session stores kept in memory, restored from the changelog when a task starts.
     *
     * @param retentionPeriod how long a session is kept after its end (at least the inactivity gap plus the grace
     *                        period of the aggregation that uses it)
     */
    public static SessionBytesStoreSupplier inMemorySessionStore(String name, Duration retentionPeriod) {
        checkName(name);
        Objects.requireNonNull(retentionPeriod, "retentionPeriod");
        return new SessionBytesStoreSupplier(name, retentionPeriod.toMillis(), false, InMemoryBytesStore::new);
    }

    /** A builder of session stores from {@code supplier}, with these serdes. */
    public static <K, V> StoreBuilder<SessionStore<K, V>> sessionStoreBuilder(SessionBytesStoreSupplier supplier,
                                                                             Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier");
        return new io.tributary.streams.state.internals.SessionStoreBuilder<>(supplier,
            Objects.requireNonNull(keySerde, "keySerde"), Objects.requireNonNull(valueSerde, "valueSerde"));
    }
}
