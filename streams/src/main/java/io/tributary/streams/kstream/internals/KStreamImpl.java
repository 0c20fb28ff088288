package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.TopologyException;
import io.tributary.streams.kstream.BranchedKStream;
import io.tributary.streams.kstream.ForeachAction;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KGroupedStream;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Joined;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.KeyValueMapper;
import io.tributary.streams.kstream.Named;
import io.tributary.streams.kstream.Predicate;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.Repartitioned;
import io.tributary.streams.kstream.TopicNameExtractor;
import io.tributary.streams.kstream.ValueJoiner;
import io.tributary.streams.kstream.ValueJoinerWithKey;
import io.tributary.streams.kstream.ValueMapper;
import io.tributary.streams.processor.api.ProcessorSupplier;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.ProcessorApiNode;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.processor.internals.SinkNode;
import io.tributary.streams.processor.internals.SourceNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link KStream} as a position in the topology being built: the node new operators attach to, the serdes
 * known at that point (null once an operator may have changed the type) and the {@link Lineage} used to name
 * unnamed stores.
 */
public final class KStreamImpl<K, V> implements KStream<K, V> {
    private final InternalTopology topology;
    private final String node;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Lineage lineage;
    private final boolean keyChanged;

    /** A stream read from a source: its key decides its partition. */
    public KStreamImpl(InternalTopology topology, String node, Serde<K> keySerde, Serde<V> valueSerde,
                       Lineage lineage) {
        this(topology, node, keySerde, valueSerde, lineage, false);
    }

    KStreamImpl(InternalTopology topology, String node, Serde<K> keySerde, Serde<V> valueSerde, Lineage lineage,
                boolean keyChanged) {
        this.topology = topology;
        this.node = node;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.lineage = lineage;
        this.keyChanged = keyChanged;
    }

    private <KR, VR> KStreamImpl<KR, VR> then(String prefix, Supplier<? extends ProcessorNode> factory,
                                              Serde<KR> newKeySerde, Serde<VR> newValueSerde) {
        return then(prefix, factory, newKeySerde, newValueSerde, keyChanged);
    }

    private <KR, VR> KStreamImpl<KR, VR> then(String prefix, Supplier<? extends ProcessorNode> factory,
                                              Serde<KR> newKeySerde, Serde<VR> newValueSerde, boolean changesKey) {
        return then(null, prefix, factory, newKeySerde, newValueSerde, changesKey);
    }

    /** The node name: {@code named}'s, or a generated one with {@code prefix}. */
    private String nodeName(Named named, String prefix) {
        return named != null ? named.name() : topology.newName(prefix);
    }

    private <KR, VR> KStreamImpl<KR, VR> then(Named named, String prefix, Supplier<? extends ProcessorNode> factory,
                                              Serde<KR> newKeySerde, Serde<VR> newValueSerde, boolean changesKey) {
        String name = nodeName(named, prefix);
        topology.addProcessor(name, node, factory, List.of());
        return new KStreamImpl<>(topology, name, newKeySerde, newValueSerde, lineage, changesKey);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, null);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate");
        return then(named, "KSTREAM-FILTER", () -> new KStreamFilter<>(predicate, false), keySerde, valueSerde,
            keyChanged);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filterNot(predicate, null);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate");
        return then(named, "KSTREAM-FILTER", () -> new KStreamFilter<>(predicate, true), keySerde, valueSerde,
            keyChanged);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
        KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        return map(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
        KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-MAP", () -> new KStreamMap<K, V>(mapper), null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-MAPVALUES", () -> new KStreamMapValues<V>(mapper), keySerde, null, keyChanged);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return selectKey(mapper, null);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-KEY-SELECT", () -> new KStreamSelectKey<K, V>(mapper), null, valueSerde, true);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V,
            ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper) {
        return flatMap(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V,
            ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-FLATMAP", () -> new KStreamFlatMap<K, V>(mapper), null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper,
                                             Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-FLATMAPVALUES", () -> new KStreamFlatMapValues<V>(mapper), keySerde, null,
            keyChanged);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> other) {
        return merge(other, null);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> other, Named named) {
        Objects.requireNonNull(other, "other");
        KStreamImpl<K, V> o = (KStreamImpl<K, V>) other;
        if (o.topology != topology) {
            throw new TopologyException("merge: the other stream comes from another StreamsBuilder");
        }
        String name = nodeName(named, "KSTREAM-MERGE");
        topology.addProcessor(name, List.of(node, o.node), KStreamPassThrough::new, List.of());
        return new KStreamImpl<>(topology, name, keySerde == o.keySerde ? keySerde : null,
            valueSerde == o.valueSerde ? valueSerde : null, lineage.merge(o.lineage), keyChanged || o.keyChanged);
    }

    @Override
    public BranchedKStream<K, V> split() {
        return split("");
    }

    @Override
    public BranchedKStream<K, V> split(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        return new BranchedKStreamImpl<>(this, namePrefix);
    }

    /** Adds the branch node and one pass-through child per branch, in order; returns the children's streams. */
    Map<String, KStream<K, V>> branches(List<Predicate<? super K, ? super V>> predicates, List<String> names,
                                        boolean hasDefault) {
        String branch = topology.newName("KSTREAM-BRANCH");
        topology.addProcessor(branch, node, () -> new KStreamBranch<>(predicates, hasDefault), List.of());
        Map<String, KStream<K, V>> out = new LinkedHashMap<>();
        for (String branchName : names) {
            String child = topology.newName("KSTREAM-BRANCHCHILD");
            topology.addProcessor(child, branch, KStreamPassThrough::new, List.of());
            out.put(branchName, new KStreamImpl<>(topology, child, keySerde, valueSerde, lineage, keyChanged));
        }
        return out;
    }

    @Override
    public KStream<K, V> repartition() {
        return repartition(new Repartitioned<>(null, null, null));
    }

    @Override
    public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
        Objects.requireNonNull(repartitioned, "repartitioned");
        Serde<K> k = repartitioned.keySerde() != null ? repartitioned.keySerde() : keySerde;
        Serde<V> v = repartitioned.valueSerde() != null ? repartitioned.valueSerde() : valueSerde;
        String name = repartitioned.name();
        if (name == null) {
            name = lineage.repartitionName();
            topology.derivedName("repartition topic " + InternalTopology.repartitionTopic(name) + " of repartition()",
                "Repartitioned.as(name)");
        }
        checkSerdes("repartition(\"" + name + "\")", k, v, "Repartitioned.with(keySerde, valueSerde)");
        String source = throughRepartitionTopic(name, k, v);
        return new KStreamImpl<>(topology, source, k, v, lineage.with("repartition"), false);
    }

    /**
     * Adds a sink to the repartition topic {@code <name>-repartition} (the runtime prefixes the application id)
     * and a source reading it back; returns the source's node name.
     */
    String throughRepartitionTopic(String name, Serde<?> k, Serde<?> v) {
        String topic = InternalTopology.repartitionTopic(name);
        String sink = topology.newName("KSTREAM-SINK");
        var keySerializer = k.serializer();
        var valueSerializer = v.serializer();
        topology.addSink(sink, node, topic, () -> SinkNode.internal(topic, keySerializer, valueSerializer));
        String source = topology.newName("KSTREAM-SOURCE");
        var keyDeserializer = k.deserializer();
        var valueDeserializer = v.deserializer();
        topology.addRepartitionSource(source, topic, () -> new SourceNode(keyDeserializer, valueDeserializer));
        return source;
    }

    private void checkSerdes(String what, Serde<?> k, Serde<?> v, String remedy) {
        if (k == null || v == null) {
            throw new TopologyException(what + " after " + node + ": the stream's " + (k == null ? "key" : "value")
                + " serde is unknown (an operator may have changed its type); pass it in " + remedy);
        }
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
        return peek(action, null);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action");
        return then(named, "KSTREAM-PEEK", () -> new KStreamPeek<>(action, true), keySerde, valueSerde, keyChanged);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action) {
        foreach(action, null);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action");
        then(named, "KSTREAM-FOREACH", () -> new KStreamPeek<>(action, false), null, null, keyChanged);
    }

    @Override
    public void to(String topic) {
        if (keySerde == null || valueSerde == null) {
            throw new TopologyException("to(\"" + topic + "\") after " + node + ": the stream's "
                + (keySerde == null ? "key" : "value") + " serde is unknown (an operator may have changed its type); "
                + "use to(topic, Produced.with(keySerde, valueSerde))");
        }
        to(topic, Produced.with(keySerde, valueSerde));
    }

    InternalTopology topology() {
        return topology;
    }

    String node() {
        return node;
    }

    @Override
    public void to(String topic, Produced<K, V> produced) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(produced, "produced");
        String name = topology.newName("KSTREAM-SINK");
        var keySerializer = produced.keySerde().serializer();
        var valueSerializer = produced.valueSerde().serializer();
        topology.addSink(name, node, topic, () -> new SinkNode<>(topic, keySerializer, valueSerializer));
    }

    @Override
    public void to(TopicNameExtractor<K, V> chooser, Produced<K, V> produced) {
        Objects.requireNonNull(chooser, "chooser");
        Objects.requireNonNull(produced, "produced");
        String name = topology.newName("KSTREAM-SINK");
        var keySerializer = produced.keySerde().serializer();
        var valueSerializer = produced.valueSerde().serializer();
        topology.addSink(name, node, null, () -> new SinkNode<K, V>(chooser::extract, keySerializer, valueSerializer));
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> selector,
                                              Grouped<KR, V> grouped) {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(grouped, "grouped");
        KStreamImpl<KR, V> keyed = then("KSTREAM-KEY-SELECT", () -> new KStreamSelectKey<K, V>(selector), null,
            valueSerde, true);
        return keyed.groupByKey(grouped);
    }

    @Override
    public KGroupedStream<K, V> groupByKey() {
        return groupByKey(Grouped.with(null, null));
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        Objects.requireNonNull(grouped, "grouped");
        return new KGroupedStreamImpl<>(this, grouped.name(),
            grouped.keySerde() != null ? grouped.keySerde() : keySerde,
            grouped.valueSerde() != null ? grouped.valueSerde() : valueSerde, lineage, keyChanged);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
        ProcessorSupplier<? super K, ? super V, KOut, VOut> supplier, String... stateStoreNames) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(stateStoreNames, "stateStoreNames");
        String name = topology.newName("KSTREAM-PROCESSOR");
        List<String> stores = new java.util.ArrayList<>(List.of(stateStoreNames));
        for (StoreBuilder<?> store : supplier.stores()) {
            if (!topology.stores().containsKey(store.name())) {
                topology.addStore(store);
            }
            stores.add(store.name());
        }
        topology.addProcessor(name, node, () -> new ProcessorApiNode<>(supplier.get()), List.of());
        topology.connectProcessorAndStores(name, stores);
        return new KStreamImpl<>(topology, name, null, null, lineage, true);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return join(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                        Joined<K, V, VT> joined) {
        Objects.requireNonNull(joiner, "joiner");
        return joinTable(table, (k, v, t) -> joiner.apply(v, t), joined, false);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return joinTable(table, joiner, Joined.with(null, null, null), false);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                            Joined<K, V, VT> joined) {
        Objects.requireNonNull(joiner, "joiner");
        return joinTable(table, (k, v, t) -> joiner.apply(v, t), joined, true);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return joinTable(table, joiner, Joined.with(null, null, null), true);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                        Joined<K, V, VT> joined) {
        return joinTable(table, joiner, joined, false);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                            Joined<K, V, VT> joined) {
        return joinTable(table, joiner, joined, true);
    }

    /**
     * Adds a stream-table join: first a repartition topic when the key may have changed (named after
     * {@code joined}, else {@code <source topics>-join-<n>}), then the join node, connected to the stores the table
     * lookup reads; records that both inputs' topics must be co-partitioned.
     */
    private <VT, VR> KStream<K, VR> joinTable(KTable<K, VT> table,
                                              ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                              Joined<K, V, VT> joined, boolean left) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(joiner, "joiner");
        Objects.requireNonNull(joined, "joined");
        KTableImpl<K, VT> t = (KTableImpl<K, VT>) table;
        if (t.topology() != topology) {
            throw new TopologyException("join: the table comes from another StreamsBuilder");
        }
        // the stream's key has the table's key type, so the table's key serde serves when the stream lost its own
        Serde<K> k = joined.keySerde() != null ? joined.keySerde() : keySerde != null ? keySerde : t.keySerde();
        Serde<V> v = joined.valueSerde() != null ? joined.valueSerde() : valueSerde;
        String parent = node;
        if (keyChanged) {
            String name = joined.name();
            if (name == null) {
                name = lineage.operationName("join");
                topology.derivedName("repartition topic " + InternalTopology.repartitionTopic(name)
                    + " of a stream-table join", "Joined.as(name)");
            }
            checkSerdes((left ? "leftJoin" : "join") + " through repartition topic " + name, k, v,
                "Joined.with(keySerde, valueSerde, null)");
            parent = throughRepartitionTopic(name, k, v);
        }
        TableView<K, VT> view = t.view();
        String name = topology.newName(left ? "KSTREAM-LEFTJOIN" : "KSTREAM-JOIN");
        topology.addProcessor(name, parent, () -> new KStreamKTableJoin<K, V, VT, VR>(view.getters().get(), joiner,
            left), view.storeNames());
        topology.addCopartitionGroup(List.of(parent, t.node()));
        return new KStreamImpl<>(topology, name, k, null, lineage.with("join"), false);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(
        KStream<K, VO> otherStream,
        io.tributary.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        io.tributary.streams.kstream.JoinWindows windows) {
        return join(otherStream, joiner, windows, io.tributary.streams.kstream.StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> join(
        KStream<K, VO> otherStream,
        io.tributary.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        io.tributary.streams.kstream.JoinWindows windows,
        io.tributary.streams.kstream.StreamJoined<K, V, VO> streamJoined) {
        return streamStreamJoin(otherStream, joiner, windows, streamJoined, false, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(
        KStream<K, VO> otherStream,
        io.tributary.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        io.tributary.streams.kstream.JoinWindows windows) {
        return leftJoin(otherStream, joiner, windows, io.tributary.streams.kstream.StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(
        KStream<K, VO> otherStream,
        io.tributary.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        io.tributary.streams.kstream.JoinWindows windows,
        io.tributary.streams.kstream.StreamJoined<K, V, VO> streamJoined) {
        return streamStreamJoin(otherStream, joiner, windows, streamJoined, true, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(
        KStream<K, VO> otherStream,
        io.tributary.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        io.tributary.streams.kstream.JoinWindows windows) {
        return outerJoin(otherStream, joiner, windows,
            io.tributary.streams.kstream.StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(
        KStream<K, VO> otherStream,
        io.tributary.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        io.tributary.streams.kstream.JoinWindows windows,
        io.tributary.streams.kstream.StreamJoined<K, V, VO> streamJoined) {
        return streamStreamJoin(otherStream, joiner, windows, streamJoined, true, true);
    }

    /** A windowed stream-stream join of this stream (left) and {@code otherStream} (right); see KStreamImplJoin. */
    private <VO, VR> KStream<K, VR> streamStreamJoin(
        KStream<K, VO> otherStream,
        io.tributary.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        io.tributary.streams.kstream.JoinWindows windows,
        io.tributary.streams.kstream.StreamJoined<K, V, VO> joined,
        boolean leftOuter, boolean rightOuter) {
        Objects.requireNonNull(otherStream, "otherStream");
        Objects.requireNonNull(joiner, "joiner");
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(joined, "streamJoined");
        KStreamImpl<K, VO> other = (KStreamImpl<K, VO>) otherStream;
        if (other.topology != topology) {
            throw new TopologyException("join: the other stream comes from another StreamsBuilder");
        }
        return KStreamImplJoin.join(topology,
            new KStreamImplJoin.Side(this, node, keySerde, valueSerde, lineage, keyChanged),
            new KStreamImplJoin.Side(other, other.node, other.keySerde, other.valueSerde, other.lineage,
                other.keyChanged),
            joiner, windows, joined, leftOuter, rightOuter);
    }
}
