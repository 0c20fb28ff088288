package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.TopologyException;
import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.kstream.KGroupedTable;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Reducer;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.ProcessorNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The re-grouped table: each aggregation reads the {@link Change}s of the select node ({@link KTableRepartitionMap})
 * back from a repartition topic, their values encoded by {@link ChangeSerde}, named after
 * {@link io.tributary.streams.kstream.Grouped#name()} (then shared by every aggregation of this grouping) or else
 * after the aggregation's store.
 */
final class KGroupedTableImpl<K, V> implements KGroupedTable<K, V> {
    private final InternalTopology topology;
    private final String selectNode;
    private final String repartitionName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Lineage lineage;
    /** The source of the named repartition topic once an aggregation created it. */
    private String repartitionSource;

    KGroupedTableImpl(InternalTopology topology, String selectNode, String repartitionName, Serde<K> keySerde,
                      Serde<V> valueSerde, Lineage lineage) {
        this.topology = topology;
        this.selectNode = selectNode;
        this.repartitionName = repartitionName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.lineage = lineage;
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
            store -> new KTableAggregate<K, V, Long>(store, () -> 0L, (k, v, n) -> n + 1, (k, v, n) -> n - 1));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor) {
        return reduce(adder, subtractor, Materialized.with(null, null));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Materialized<K, V> materialized) {
        Objects.requireNonNull(adder, "adder");
        Objects.requireNonNull(subtractor, "subtractor");
        Objects.requireNonNull(materialized, "materialized");
        Serde<V> values = materialized.valueSerde() != null ? materialized.valueSerde() : valueSerde;
        return add("reduce", materialized, values, store -> new KTableReduce<K, V>(store, adder, subtractor));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <VA> KTable<K, VA> aggregate(Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> adder,
                                        Aggregator<? super K, ? super V, VA> subtractor) {
        return aggregate(initializer, adder, subtractor, Materialized.with(null, (Serde<VA>) valueSerde));
    }

    @Override
    public <VA> KTable<K, VA> aggregate(Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> adder,
                                        Aggregator<? super K, ? super V, VA> subtractor,
                                        Materialized<K, VA> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(adder, "adder");
        Objects.requireNonNull(subtractor, "subtractor");
        Objects.requireNonNull(materialized, "materialized");
        return add("aggregate", materialized, materialized.valueSerde(),
            store -> new KTableAggregate<>(store, initializer, adder, subtractor));
    }

    /** The source of the repartition topic the aggregation into {@code store} reads. */
    private String repartitionSourceFor(String operation, String store) {
        if (keySerde == null || valueSerde == null) {
            throw new TopologyException(operation + " into store " + store + " goes through a repartition topic whose "
                + (keySerde == null ? "key" : "value") + " serde is unknown; pass it in Grouped.with(...) to groupBy");
        }
        if (repartitionName != null && repartitionSource != null) {
            return repartitionSource;
        }
        KStreamImpl<K, Change<V>> select = new KStreamImpl<>(topology, selectNode, keySerde, null, lineage, true);
        String source = select.throughRepartitionTopic(repartitionName != null ? repartitionName : store, keySerde,
            new ChangeSerde<>(valueSerde));
        if (repartitionName != null) {
            repartitionSource = source;
        }
        return source;
    }

    private <VA> KTable<K, VA> add(String operation, Materialized<K, VA> materialized, Serde<VA> storeValueSerde,
                                   Function<String, ProcessorNode> nodeForStore) {
        String named = materialized.storeName();
        String store = named != null ? named : lineage.storeName(operation);
        if (named == null) {
            topology.derivedName("store " + store + " of " + operation, "Materialized.as(name)");
            if (repartitionName == null) {
                topology.derivedName("repartition topic " + InternalTopology.repartitionTopic(store) + " of "
                    + operation, "Grouped.as(name) or Materialized.as(name)");
            }
        }
        Serde<K> storeKeySerde = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        if (storeKeySerde == null || storeValueSerde == null) {
            throw new TopologyException(operation + " into store " + store + ": the "
                + (storeKeySerde == null ? "key" : "value") + " serde is unknown; pass it in Grouped.with(...) or "
                + "Materialized.as(...).withKeySerde/withValueSerde");
        }
        String parent = repartitionSourceFor(operation, store);
        topology.addStore(MaterializedStores.timestampedKeyValue(store, materialized, storeKeySerde,
            storeValueSerde));
        String name = topology.newName("KTABLE-" + operation.toUpperCase(java.util.Locale.ROOT));
        topology.addProcessor(name, parent, () -> nodeForStore.apply(store), List.of(store));
        return new KTableImpl<>(topology, name, store, storeKeySerde, storeValueSerde, lineage.with(operation));
    }
}
