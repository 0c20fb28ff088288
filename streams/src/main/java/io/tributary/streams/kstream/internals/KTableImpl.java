package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.TopologyException;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KGroupedTable;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.KeyValueMapper;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Predicate;
import io.tributary.streams.kstream.ValueJoiner;
import io.tributary.streams.kstream.ValueMapper;
import io.tributary.streams.kstream.Named;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.SourceNode;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.state.internals.TimestampedKeyValueStoreBuilder;
import io.tributary.streams.state.internals.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link KTable} as a position in the topology being built: the node whose updates ({@link Change} values) are the
 * table, the store holding its rows (null for an unmaterialized filter, mapValues or join, whose rows are computed
 * from the parent's on lookup, see {@link #view()}), and whether it sends old values (Kafka Streams' rules: a source
 * table sends them once something downstream forces it or it is materialized by name; aggregations always can).
 */
public final class KTableImpl<K, V> implements KTable<K, V> {
    /** What produced the table; decides how it answers {@link #enableSendingOldValues}. */
    enum Kind { SOURCE, AGGREGATE, FILTER, MAP_VALUES, JOIN }

    private final InternalTopology topology;
    private final String node;
    private final String storeName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Lineage lineage;
    private final Kind kind;
    /** The tables this one is computed from: one for filter and mapValues, two for a join, none otherwise. */
    private final List<KTableImpl<K, ?>> parents;
    private final SendOldValues sendOldValues;
    /** Whether the table's store is kept because a name was given or a lookup needs it (Kafka's "materialized"). */
    private boolean materialized;

    /** The table of an aggregation: the aggregation node and the store that holds the table. */
    KTableImpl(InternalTopology topology, String node, String storeName, Serde<K> keySerde, Serde<V> valueSerde,
               Lineage lineage) {
        this(topology, node, storeName, keySerde, valueSerde, lineage, Kind.AGGREGATE, List.of(),
            new SendOldValues(true), true);
    }

    KTableImpl(InternalTopology topology, String node, String storeName, Serde<K> keySerde, Serde<V> valueSerde,
               Lineage lineage, Kind kind, List<KTableImpl<K, ?>> parents, SendOldValues sendOldValues,
               boolean materialized) {
        this.topology = topology;
        this.node = node;
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.lineage = lineage;
        this.kind = kind;
        this.parents = parents;
        this.sendOldValues = sendOldValues;
        this.materialized = materialized;
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream(null);
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        String name = named != null ? named.name() : topology.newName("KTABLE-TOSTREAM");
        topology.addProcessor(name, node, KTableToStream::new, List.of());
        return new KStreamImpl<>(topology, name, keySerde, valueSerde, lineage);
    }

    @Override
    public String queryableStoreName() {
        return storeName;
    }

    /**
     * {@code StreamsBuilder.table}: a source reading {@code topic}, the table's store (named by {@code materialized}
     * or {@code <topic>-table-1-store}) and the node keeping it. A store named by the user makes the table
     * "materialized" in Kafka Streams' sense (it sends old values to a filter below it).
     */
    public static <K, V> KTableImpl<K, V> source(InternalTopology topology, String topic, Consumed<K, V> consumed,
                                                 Materialized<K, V> materialized) {
        Lineage lineage = Lineage.of(List.of(topic));
        String store = materialized.storeName() != null ? materialized.storeName() : lineage.storeName("table");
        if (materialized.storeName() == null) {
            topology.derivedName("store " + store + " of table(" + topic + ")", "Materialized.as(name)");
        }
        Serde<K> keySerde = materialized.keySerde() != null ? materialized.keySerde() : consumed.keySerde();
        Serde<V> valueSerde = materialized.valueSerde() != null ? materialized.valueSerde() : consumed.valueSerde();
        String source = topology.newName("KSTREAM-SOURCE");
        var keyDeserializer = consumed.keySerde().deserializer();
        var valueDeserializer = consumed.valueSerde().deserializer();
        topology.addSource(source, List.of(topic), () -> new SourceNode(keyDeserializer, valueDeserializer));
        topology.addStore(MaterializedStores.timestampedKeyValue(store, materialized, keySerde, valueSerde));
        SendOldValues sendOld = new SendOldValues(false);
        String name = topology.newName("KTABLE-SOURCE");
        topology.addProcessor(name, source, () -> new KTableSource<K, V>(store, sendOld), List.of(store));
        return new KTableImpl<>(topology, name, store, keySerde, valueSerde, lineage.with("table"), Kind.SOURCE,
            List.of(), sendOld, materialized.storeName() != null);
    }

    /**
     * Asks this table to forward old values; {@code force} materializes a source table that is not. Returns whether
     * it will (an unforced request to an unmaterialized source is refused, so a filter below it sends tombstones for
     * every non-matching update, as in Kafka Streams).
     */
    boolean enableSendingOldValues(boolean force) {
        if (sendOldValues.enabled()) {
            return true;
        }
        switch (kind) {
            case SOURCE -> {
                if (!force && !materialized) {
                    return false;
                }
                materialized = true;
            }
            case FILTER, MAP_VALUES -> {
                if (storeName == null && !parents.get(0).enableSendingOldValues(force)) {
                    return false;
                }
            }
            case JOIN -> parents.forEach(p -> p.enableSendingOldValues(true));
            case AGGREGATE -> {
            }
            default -> throw new IllegalStateException("unknown table kind " + kind);
        }
        sendOldValues.enable();
        return true;
    }

    /** How a join looks up this table's rows (a source table becomes materialized, as in Kafka Streams). */
    @SuppressWarnings("unchecked")
    TableView<K, V> view() {
        if (kind == Kind.SOURCE) {
            materialized = true;
        }
        if (storeName != null) {
            StoreBuilder<?> store = topology.stores().get(storeName);
            if (!(store instanceof TimestampedKeyValueStoreBuilder)) {
                throw new TopologyException("table " + node + " is held in store " + storeName + ", which is not a "
                    + "key-value table store (a windowed table cannot be joined yet)");
            }
            return TableView.ofStore(storeName);
        }
        return switch (kind) {
            case FILTER, MAP_VALUES -> ((KTableImpl<K, Object>) parents.get(0)).view().derived(rowFunction);
            case JOIN -> joinView;
            default -> throw new IllegalStateException("table " + node + " of kind " + kind + " has no store");
        };
    }

    /** For an unmaterialized filter or mapValues: the parent's row to this table's row. */
    private TableView.RowFunction<K, Object, V> rowFunction;
    /** For an unmaterialized join: the lookup computing the joined row. */
    private TableView<K, V> joinView;

    /**
     * Adds the store of a filter or mapValues materialized by name and returns its name; null when there is none
     * (as in Kafka Streams, {@code Materialized.with(serdes)} alone does not materialize).
     */
    private <VR> String storeFor(String operation, Materialized<K, VR> materialized, Serde<K> k, Serde<VR> v) {
        if (materialized == null || materialized.storeName() == null) {
            return null;
        }
        String store = materialized.storeName();
        if (k == null || v == null) {
            throw new TopologyException(operation + " into store " + store + ": the " + (k == null ? "key" : "value")
                + " serde is unknown; pass it in Materialized.as(...).withKeySerde/withValueSerde");
        }
        topology.addStore(MaterializedStores.timestampedKeyValue(store, materialized, k, v));
        return store;
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return doFilter(predicate, false, null);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Materialized<K, V> materialized) {
        return doFilter(predicate, false, Objects.requireNonNull(materialized, "materialized"));
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return doFilter(predicate, true, null);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Materialized<K, V> materialized) {
        return doFilter(predicate, true, Objects.requireNonNull(materialized, "materialized"));
    }

    private KTable<K, V> doFilter(Predicate<? super K, ? super V> predicate, boolean not,
                                  Materialized<K, V> materialized) {
        Objects.requireNonNull(predicate, "predicate");
        Serde<K> k = materialized != null && materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<V> v = materialized != null && materialized.valueSerde() != null ? materialized.valueSerde() : valueSerde;
        String store = storeFor("filter", materialized, k, v);
        SendOldValues sendOld = new SendOldValues(enableSendingOldValues(false));
        String name = topology.newName("KTABLE-FILTER");
        KTableFilter<K, V> prototype = new KTableFilter<>(predicate, not, store, sendOld);
        topology.addProcessor(name, node, () -> new KTableFilter<K, V>(predicate, not, store, sendOld),
            store == null ? List.of() : List.of(store));
        KTableImpl<K, V> table = new KTableImpl<>(topology, name, store, k, v, lineage, Kind.FILTER, List.of(this),
            sendOld, store != null);
        table.rowFunction = (key, value) -> prototype.matching(key, uncheckedCast(value));
        return table;
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return doMapValues(mapper, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
                                        Materialized<K, VR> materialized) {
        return doMapValues(mapper, Objects.requireNonNull(materialized, "materialized"));
    }

    @SuppressWarnings("unchecked")
    private <VR> KTable<K, VR> doMapValues(ValueMapper<? super V, ? extends VR> mapper,
                                           Materialized<K, VR> materialized) {
        Objects.requireNonNull(mapper, "mapper");
        Serde<K> k = materialized != null && materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<VR> v = materialized != null ? materialized.valueSerde() : null;
        String store = storeFor("mapValues", materialized, k, v);
        SendOldValues sendOld = new SendOldValues(false);
        String name = topology.newName("KTABLE-MAPVALUES");
        topology.addProcessor(name, node, () -> new KTableMapValues<K, V, VR>(mapper, store, sendOld),
            store == null ? List.of() : List.of(store));
        KTableImpl<K, VR> table = new KTableImpl<>(topology, name, store, k, v, lineage, Kind.MAP_VALUES,
            List.of(this), sendOld, store != null);
        table.rowFunction = (key, value) -> mapper.apply((V) value);
        return table;
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector) {
        return groupBy(selector, Grouped.with(null, null));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
                                                  Grouped<KR, VR> grouped) {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(grouped, "grouped");
        String name = topology.newName("KTABLE-SELECT");
        topology.addProcessor(name, node, () -> new KTableRepartitionMap<>(selector), List.of());
        enableSendingOldValues(true);
        Serde<KR> k = grouped.keySerde() != null ? grouped.keySerde() : (Serde<KR>) keySerde;
        Serde<VR> v = grouped.valueSerde() != null ? grouped.valueSerde() : (Serde<VR>) valueSerde;
        return new KGroupedTableImpl<>(topology, name, grouped.name(), k, v, lineage);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return doJoin(other, joiner, null, false, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR> materialized) {
        return doJoin(other, joiner, Objects.requireNonNull(materialized, "materialized"), false, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return doJoin(other, joiner, null, true, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           Materialized<K, VR> materialized) {
        return doJoin(other, joiner, Objects.requireNonNull(materialized, "materialized"), true, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return doJoin(other, joiner, null, true, true);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                            Materialized<K, VR> materialized) {
        return doJoin(other, joiner, Objects.requireNonNull(materialized, "materialized"), true, true);
    }

    private <VO, VR> KTable<K, VR> doJoin(KTable<K, VO> otherTable,
                                          ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                          Materialized<K, VR> materialized, boolean leftOuter, boolean rightOuter) {
        Objects.requireNonNull(otherTable, "other");
        Objects.requireNonNull(joiner, "joiner");
        KTableImpl<K, VO> other = (KTableImpl<K, VO>) otherTable;
        if (other.topology != topology) {
            throw new TopologyException("join: the other table comes from another StreamsBuilder");
        }
        if (leftOuter) {
            enableSendingOldValues(true);
        }
        if (rightOuter) {
            other.enableSendingOldValues(true);
        }
        TableView<K, V> thisView = view();
        TableView<K, VO> otherView = other.view();
        KTableKTableJoin.Mode thisMode = !leftOuter ? KTableKTableJoin.Mode.INNER
            : !rightOuter ? KTableKTableJoin.Mode.LEFT : KTableKTableJoin.Mode.OUTER;
        KTableKTableJoin.Mode otherMode = !leftOuter ? KTableKTableJoin.Mode.INNER
            : !rightOuter ? KTableKTableJoin.Mode.RIGHT : KTableKTableJoin.Mode.OUTER;
        ValueJoiner<VO, V, VR> reversed = (o, t) -> joiner.apply(t, o);
        Serde<K> k = materialized != null && materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<VR> v = materialized != null ? materialized.valueSerde() : null;
        SendOldValues sendOld = new SendOldValues(false);
        String prefix = !leftOuter ? "KTABLE-JOIN" : !rightOuter ? "KTABLE-LEFTJOIN" : "KTABLE-OUTERJOIN";
        String joinThis = topology.newName(prefix + "THIS");
        topology.addProcessor(joinThis, node, () -> new KTableKTableJoin<K, V, VO, VR>(thisMode,
            otherView.getters().get(), joiner, sendOld), otherView.storeNames());
        String joinOther = topology.newName(prefix + "OTHER");
        topology.addProcessor(joinOther, other.node, () -> new KTableKTableJoin<K, VO, V, VR>(otherMode,
            thisView.getters().get(), reversed, sendOld), thisView.storeNames());
        List<KTableImpl<K, ?>> from = List.of(this, other);
        Lineage joined = lineage.merge(other.lineage).with("join");
        String store = null;
        if (materialized != null) {
            store = materialized.storeName();
            if (store == null) {
                store = lineage.merge(other.lineage).storeName("join");
                topology.derivedName("store " + store + " of a table-table join", "Materialized.as(name)");
            }
            if (k == null || v == null) {
                throw new TopologyException("join into store " + store + ": the " + (k == null ? "key" : "value")
                    + " serde is unknown; pass it in Materialized.as(...).withKeySerde/withValueSerde");
            }
            topology.addStore(MaterializedStores.timestampedKeyValue(store, materialized, k, v));
        }
        String merge = topology.newName("KTABLE-MERGE");
        String mergeStore = store;
        topology.addProcessor(merge, List.of(joinThis, joinOther), () -> new KTableKTableJoinMerger<K, VR>(mergeStore),
            store == null ? List.of() : List.of(store));
        topology.addCopartitionGroup(List.of(node, other.node));
        KTableImpl<K, VR> table = new KTableImpl<>(topology, merge, store, k, v, joined, Kind.JOIN, from, sendOld,
            store != null);
        table.joinView = joinView(thisView, otherView, joiner, leftOuter, rightOuter);
        return table;
    }

    /** The lookup of an unmaterialized join: both sides' rows joined on the fly, stamped with the later one. */
    private static <K, V, VO, VR> TableView<K, VR> joinView(TableView<K, V> left, TableView<K, VO> right,
                                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                                            boolean leftOuter, boolean rightOuter) {
        List<String> stores = new ArrayList<>(left.storeNames());
        right.storeNames().stream().filter(s -> !stores.contains(s)).forEach(stores::add);
        return new TableView<>(() -> new JoinGetter<K, V, VO, VR>(left.getters().get(), right.getters().get(),
            joiner, leftOuter, rightOuter), List.copyOf(stores));
    }

    /** Looks up both sides of an unmaterialized join and joins the rows, stamped with the later one. */
    private static final class JoinGetter<K, V, VO, VR> implements TableView.Getter<K, VR> {
        private final TableView.Getter<K, V> left;
        private final TableView.Getter<K, VO> right;
        private final ValueJoiner<? super V, ? super VO, ? extends VR> joiner;
        private final boolean leftOuter;
        private final boolean rightOuter;

        JoinGetter(TableView.Getter<K, V> left, TableView.Getter<K, VO> right,
                   ValueJoiner<? super V, ? super VO, ? extends VR> joiner, boolean leftOuter, boolean rightOuter) {
            this.left = left;
            this.right = right;
            this.joiner = joiner;
            this.leftOuter = leftOuter;
            this.rightOuter = rightOuter;
        }

        @Override
        public void init(ProcessorContextImpl context) {
            left.init(context);
            right.init(context);
        }

        @Override
        public ValueAndTimestamp<VR> get(K key) {
            ValueAndTimestamp<V> l = left.get(key);
            ValueAndTimestamp<VO> r = right.get(key);
            boolean row = l != null && r != null || l != null && leftOuter || r != null && rightOuter;
            if (!row) {
                return null;
            }
            long ts = Math.max(l == null ? -1 : l.timestamp(), r == null ? -1 : r.timestamp());
            return new ValueAndTimestamp<>(joiner.apply(ValueAndTimestamp.valueOrNull(l),
                ValueAndTimestamp.valueOrNull(r)), ts);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T uncheckedCast(Object value) {
        return (T) value;
    }

    InternalTopology topology() {
        return topology;
    }

    String node() {
        return node;
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    @Override
    public KTable<K, V> suppress(io.tributary.streams.kstream.Suppressed<? super K> suppressed) {
        java.util.Objects.requireNonNull(suppressed, "suppressed");
        return KTableSuppress.build(topology, node, keySerde, valueSerde, lineage, suppressed);
    }
}
