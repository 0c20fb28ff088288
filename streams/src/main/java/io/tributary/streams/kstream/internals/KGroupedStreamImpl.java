package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.TopologyException;
import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.kstream.KGroupedStream;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Reducer;
import io.tributary.streams.kstream.TimeWindowedKStream;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.ProcessorNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The grouped stream: adds the aggregation node and its store, and hands back the resulting table. When the key
 * may have changed, the aggregation reads from a repartition topic named after {@link
 * io.tributary.streams.kstream.Grouped#name()} (shared by every aggregation of this grouping) or else after its
 * store.
 */
final class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
    private final KStreamImpl<?, ?> stream;
    private final InternalTopology topology;
    private final String repartitionName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Lineage lineage;
    private final boolean repartition;
    /** The source of the named repartition topic once an aggregation created it. */
    private String repartitionSource;

    KGroupedStreamImpl(KStreamImpl<?, ?> stream, String repartitionName, Serde<K> keySerde, Serde<V> valueSerde,
                       Lineage lineage, boolean repartition) {
        this.stream = stream;
        this.topology = stream.topology();
        this.repartitionName = repartitionName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.lineage = lineage;
        this.repartition = repartition;
    }

    /** The node the aggregation of store {@code store} hangs from: the stream's, or a repartition topic's source. */
    private String parentFor(String operation, String store, boolean explicitStore) {
        if (!repartition) {
            return stream.node();
        }
        if (keySerde == null || valueSerde == null) {
            throw new TopologyException(operation + " into store " + store + " needs a repartition topic (the key may "
                + "have changed since the source) whose " + (keySerde == null ? "key" : "value")
                + " serde is unknown; pass it in Grouped.with(...)");
        }
        if (repartitionName == null) {
            if (!explicitStore) {
                topology.derivedName("repartition topic " + InternalTopology.repartitionTopic(store) + " of "
                    + operation, "Grouped.as(name) or Materialized.as(name)");
            }
            return stream.throughRepartitionTopic(store, keySerde, valueSerde);
        }
        if (repartitionSource == null) {
            repartitionSource = stream.throughRepartitionTopic(repartitionName, keySerde, valueSerde);
        }
        return repartitionSource;
    }

    @Override
    public KTable<K, Long> count() {
        return count(Materialized.with(null, null));
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long> materialized) {
        Objects.requireNonNull(materialized, "materialized");
        Serde<Long> counts = materialized.valueSerde() != null ? materialized.valueSerde() : Serdes.longs();
        return add("count", materialized, counts,
            store -> new KStreamAggregate<K, V, Long>(store, () -> 0L, (k, v, n) -> n + 1));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, Materialized.with(null, null));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized) {
        Objects.requireNonNull(reducer, "reducer");
        Objects.requireNonNull(materialized, "materialized");
        Serde<V> values = materialized.valueSerde() != null ? materialized.valueSerde() : valueSerde;
        return add("reduce", materialized, values, store -> new KStreamReduce<K, V>(store, reducer));
    }

    @Override
    public <VA> KTable<K, VA> aggregate(Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                                        Materialized<K, VA> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(aggregator, "aggregator");
        Objects.requireNonNull(materialized, "materialized");
        return add("aggregate", materialized, materialized.valueSerde(),
            store -> new KStreamAggregate<>(store, initializer, aggregator));
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(TimeWindows windows) {
        return new TimeWindowedKStreamImpl<>(this, Objects.requireNonNull(windows, "windows"));
    }

    /**
     * Adds a windowed aggregation: its store is keyed by {@link Windowed} keys (serialized with
     * {@link WindowedSerdes#windowed}), and so is the table it returns.
     */
    <VA> KTable<Windowed<K>, VA> addWindowed(String operation, Materialized<K, VA> materialized,
                                             Serde<VA> storeValueSerde, long sizeMs, long minRetentionMs,
                                             Function<String, ProcessorNode> nodeForStore) {
        String store = storeName(operation, materialized);
        Serde<K> storeKeySerde = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        checkStoreSerdes(operation, store, storeKeySerde, storeValueSerde);
        Serde<Windowed<K>> windowedSerde = WindowedSerdes.windowed(storeKeySerde);
        String parent = parentFor(operation, store, materialized.storeName() != null);
        topology.addStore(MaterializedStores.window(store, materialized, sizeMs, minRetentionMs, false, storeKeySerde,
            storeValueSerde));
        String name = topology.newName("KSTREAM-" + operation.toUpperCase(java.util.Locale.ROOT));
        topology.addProcessor(name, parent, () -> nodeForStore.apply(store), List.of(store));
        return new KTableImpl<>(topology, name, store, windowedSerde, storeValueSerde, lineage.with(operation));
    }

    /** The store's name: given in {@code materialized}, or derived from the lineage (and recorded as derived). */
    private String storeName(String operation, Materialized<?, ?> materialized) {
        if (materialized.storeName() != null) {
            return materialized.storeName();
        }
        String store = lineage.storeName(operation);
        topology.derivedName("store " + store + " of " + operation, "Materialized.as(name)");
        return store;
    }

    private static void checkStoreSerdes(String operation, String store, Serde<?> k, Serde<?> v) {
        if (k == null || v == null) {
            throw new TopologyException(operation + " into store " + store + ": the "
                + (k == null ? "key" : "value") + " serde is unknown; pass it in Grouped.with(...) or "
                + "Materialized.as(...).withKeySerde/withValueSerde");
        }
    }

    private <VA> KTable<K, VA> add(String operation, Materialized<K, VA> materialized, Serde<VA> storeValueSerde,
                                   Function<String, ProcessorNode> nodeForStore) {
        String store = storeName(operation, materialized);
        Serde<K> storeKeySerde = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        checkStoreSerdes(operation, store, storeKeySerde, storeValueSerde);
        String parent = parentFor(operation, store, materialized.storeName() != null);
        topology.addStore(MaterializedStores.timestampedKeyValue(store, materialized, storeKeySerde,
            storeValueSerde));
        String name = topology.newName("KSTREAM-" + operation.toUpperCase(java.util.Locale.ROOT));
        topology.addProcessor(name, parent, () -> nodeForStore.apply(store), List.of(store));
        return new KTableImpl<>(topology, name, store, storeKeySerde, storeValueSerde, lineage.with(operation));
    }

    @Override
    public io.tributary.streams.kstream.SessionWindowedKStream<K, V> windowedBy(
        io.tributary.streams.kstream.SessionWindows windows) {
        return new SessionWindowedKStreamImpl<>(this, Objects.requireNonNull(windows, "windows"));
    }

    /**
     * Adds a session-windowed aggregation: its store is a session store keeping sessions at least
     * {@code minRetentionMs} after their end, and the table it returns is keyed by {@link Windowed} keys (serialized
     * with {@link WindowedSerdes#windowed}, which holds both ends of the session).
     */
    <VA> KTable<Windowed<K>, VA> addSessionWindowed(String operation, Materialized<K, VA> materialized,
                                                    Serde<VA> storeValueSerde, long minRetentionMs,
                                                    Function<String, ProcessorNode> nodeForStore) {
        String store = storeName(operation, materialized);
        Serde<K> storeKeySerde = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        checkStoreSerdes(operation, store, storeKeySerde, storeValueSerde);
        String parent = parentFor(operation, store, materialized.storeName() != null);
        topology.addStore(MaterializedStores.session(store, materialized, minRetentionMs, storeKeySerde,
            storeValueSerde));
        String name = topology.newName("KSTREAM-" + operation.toUpperCase(java.util.Locale.ROOT));
        topology.addProcessor(name, parent, () -> nodeForStore.apply(store), List.of(store));
        return new KTableImpl<>(topology, name, store, WindowedSerdes.windowed(storeKeySerde), storeValueSerde,
            lineage.with(operation));
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(io.tributary.streams.kstream.SlidingWindows windows) {
        return new SlidingWindowedKStreamImpl<>(this, Objects.requireNonNull(windows, "windows"));
    }
}
