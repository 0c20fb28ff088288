package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.TopologyException;
import io.tributary.streams.kstream.ForeachAction;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KGroupedStream;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.KeyValueMapper;
import io.tributary.streams.kstream.Predicate;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.ValueMapper;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.processor.internals.SinkNode;
import java.util.List;
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

    public KStreamImpl(InternalTopology topology, String node, Serde<K> keySerde, Serde<V> valueSerde,
                       Lineage lineage) {
        this.topology = topology;
        this.node = node;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.lineage = lineage;
    }

    private <KR, VR> KStreamImpl<KR, VR> then(String prefix, Supplier<? extends ProcessorNode> factory,
                                              Serde<KR> newKeySerde, Serde<VR> newValueSerde) {
        String name = topology.newName(prefix);
        topology.addProcessor(name, node, factory, List.of());
        return new KStreamImpl<>(topology, name, newKeySerde, newValueSerde, lineage);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return then("KSTREAM-FILTER", () -> new KStreamFilter<>(predicate, false), keySerde, valueSerde);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return then("KSTREAM-FILTER", () -> new KStreamFilter<>(predicate, true), keySerde, valueSerde);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
        KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return then("KSTREAM-MAP", () -> new KStreamMap<K, V>(mapper), null, null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return then("KSTREAM-MAPVALUES", () -> new KStreamMapValues<V>(mapper), keySerde, null);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return then("KSTREAM-KEY-SELECT", () -> new KStreamSelectKey<K, V>(mapper), null, valueSerde);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
        Objects.requireNonNull(action, "action");
        return then("KSTREAM-PEEK", () -> new KStreamPeek<>(action, true), keySerde, valueSerde);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action) {
        Objects.requireNonNull(action, "action");
        then("KSTREAM-FOREACH", () -> new KStreamPeek<>(action, false), null, null);
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
    public KGroupedStream<K, V> groupByKey() {
        return groupByKey(Grouped.with(null, null));
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        Objects.requireNonNull(grouped, "grouped");
        return new KGroupedStreamImpl<>(topology, node,
            grouped.keySerde() != null ? grouped.keySerde() : keySerde,
            grouped.valueSerde() != null ? grouped.valueSerde() : valueSerde, lineage);
    }
}
