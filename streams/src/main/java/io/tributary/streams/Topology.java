package io.tributary.streams;

import io.tributary.clients.serialization.Deserializer;
import io.tributary.clients.serialization.Serializer;
import io.tributary.streams.processor.api.ProcessorSupplier;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.ProcessorApiNode;
import io.tributary.streams.processor.internals.SinkNode;
import io.tributary.streams.processor.internals.SourceNode;
import io.tributary.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import io.tributary.streams.processor.internals.InternalTopology.NodeSpec;
import java.util.List;
import java.util.Set;

/**
 * A processing graph: sources, processors, sinks and state stores, built by a {@link StreamsBuilder} or by hand
 * with the low-level methods ({@link #addSource}, {@link #addProcessor}, {@link #addSink}, {@link #addStateStore}).
 * Run it with {@link TributaryStreams}. {@link #describe()} prints it, one sub-topology (a connected part) at a time:
 *
 * <pre>
 * Topologies:
 *    Sub-topology: 0
 *     Source: KSTREAM-SOURCE-0000000000 (topics: [words])
 *       --&gt; KSTREAM-FILTER-0000000001
 *     Processor: KSTREAM-FILTER-0000000001 (stores: [])
 *       --&gt; KSTREAM-SINK-0000000002
 *       &lt;-- KSTREAM-SOURCE-0000000000
 *     Sink: KSTREAM-SINK-0000000002 (topic: out)
 *       &lt;-- KSTREAM-FILTER-0000000001
 * </pre>
 */
public final class Topology {
    private final InternalTopology internal;

    /** An empty topology for the low-level API: add sources, processors, sinks and stores by name. */
    public Topology() {
        this(new InternalTopology());
    }

    Topology(InternalTopology internal) {
        this.internal = internal;
    }

    /**
     * Adds a source node {@code name} reading {@code topics} with these deserializers.
     *
     * @throws TopologyException if the name is taken or a topic is already read by another source
     */
    public Topology addSource(String name, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                              String... topics) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        Objects.requireNonNull(valueDeserializer, "valueDeserializer");
        if (topics.length == 0) {
            throw new TopologyException("source " + name + " reads no topic");
        }
        internal.addSource(name, List.of(topics), () -> new SourceNode(keyDeserializer, valueDeserializer));
        return this;
    }

    /**
     * Adds processor {@code name}, fed by the nodes {@code parentNames}; the stores its supplier returns from
     * {@code stores()} are added and connected to it.
     */
    public <KIn, VIn, KOut, VOut> Topology addProcessor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                                        String... parentNames) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(supplier, "supplier");
        if (parentNames.length == 0) {
            throw new TopologyException("processor " + name + " has no parent");
        }
        internal.addProcessor(name, List.of(parentNames), () -> new ProcessorApiNode<>(supplier.get()), List.of());
        List<String> stores = new ArrayList<>();
        for (StoreBuilder<?> store : supplier.stores()) {
            if (!internal.stores().containsKey(store.name())) {
                internal.addStore(store);
            }
            stores.add(store.name());
        }
        internal.connectProcessorAndStores(name, stores);
        return this;
    }

    /** Adds sink {@code name} writing what {@code parentNames} forward to {@code topic}, with these serializers. */
    public <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
                                   Serializer<V> valueSerializer, String... parentNames) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(keySerializer, "keySerializer");
        Objects.requireNonNull(valueSerializer, "valueSerializer");
        if (parentNames.length == 0) {
            throw new TopologyException("sink " + name + " has no parent");
        }
        internal.addSink(name, List.of(parentNames), topic, () -> new SinkNode<>(topic, keySerializer,
            valueSerializer));
        return this;
    }

    /** Adds a state store, connected to the processors {@code processorNames} (which may also be connected later). */
    public Topology addStateStore(StoreBuilder<?> builder, String... processorNames) {
        Objects.requireNonNull(builder, "builder");
        internal.addStore(builder);
        for (String processor : processorNames) {
            internal.connectProcessorAndStores(processor, List.of(builder.name()));
        }
        return this;
    }

    /** Connects processor {@code processorName} to the existing stores {@code storeNames}. */
    public Topology connectProcessorAndStateStores(String processorName, String... storeNames) {
        internal.connectProcessorAndStores(processorName, List.of(storeNames));
        return this;
    }

    InternalTopology internal() {
        return internal;
    }

    /**
     * Every topic the topology reads; repartition topics appear as {@code <name>-repartition}, without the
     * application id.
     */
    public Set<String> sourceTopics() {
        return internal.sourceTopics();
    }

    /** Every state store's name. */
    public Set<String> storeNames() {
        return internal.storeNames();
    }

    /** The graph as text: sub-topologies, each node with its topics or stores, children and parents. */
    public String describe() {
        StringBuilder out = new StringBuilder("Topologies:\n");
        List<List<NodeSpec>> subs = internal.subTopologies();
        for (int i = 0; i < subs.size(); i++) {
            out.append("   Sub-topology: ").append(i).append('\n');
            for (NodeSpec node : subs.get(i)) {
                out.append("    ");
                switch (node.kind()) {
                    case SOURCE -> out.append("Source: ").append(node.name()).append(" (topics: ")
                        .append(node.topics()).append(")");
                    case PROCESSOR -> out.append("Processor: ").append(node.name()).append(" (stores: ")
                        .append(node.stores()).append(")");
                    case SINK -> out.append("Sink: ").append(node.name()).append(node.topics().isEmpty()
                        ? " (topic chooser)" : " (topic: " + node.topics().get(0) + ")");
                }
                out.append('\n');
                List<String> children = internal.childrenOf(node.name());
                if (!children.isEmpty()) {
                    out.append("      --> ").append(String.join(", ", children)).append('\n');
                }
                if (!node.parents().isEmpty()) {
                    out.append("      <-- ").append(String.join(", ", node.parents())).append('\n');
                }
            }
        }
        return out.toString();
    }

    /**
     * The graph as a Mermaid flowchart, for documentation: one subgraph per sub-topology, topics as parallelograms,
     * state stores as cylinders, processors as boxes. Paste it into a {@code ```mermaid} block.
     */
    public String toMermaid() {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> topicIds = new LinkedHashMap<>();
        Map<String, String> storeIds = new LinkedHashMap<>();
        List<List<NodeSpec>> subs = internal.subTopologies();
        StringBuilder edges = new StringBuilder();
        for (int i = 0; i < subs.size(); i++) {
            out.append("    subgraph sub").append(i).append("[\"Sub-topology ").append(i).append("\"]\n");
            for (NodeSpec node : subs.get(i)) {
                String id = "n" + ids.size();
                ids.put(node.name(), id);
                out.append("        ").append(id).append("[\"").append(mermaidText(node.name())).append("\"]\n");
                for (String store : node.stores()) {
                    String storeId = storeIds.computeIfAbsent(store, s -> "s" + storeIds.size());
                    edges.append("    ").append(id).append(" --- ").append(storeId).append('\n');
                }
            }
            out.append("    end\n");
        }
        for (NodeSpec node : internal.nodes()) {
            String id = ids.get(node.name());
            for (String parent : node.parents()) {
                edges.append("    ").append(ids.get(parent)).append(" --> ").append(id).append('\n');
            }
            if (node.kind() == InternalTopology.Kind.SOURCE) {
                for (String topic : node.topics()) {
                    edges.append("    ").append(topicIds.computeIfAbsent(topic, t -> "t" + topicIds.size()))
                        .append(" --> ").append(id).append('\n');
                }
            } else if (node.kind() == InternalTopology.Kind.SINK) {
                String topic = node.topics().isEmpty() ? "(topic chooser)" : node.topics().get(0);
                edges.append("    ").append(id).append(" --> ")
                    .append(topicIds.computeIfAbsent(topic, t -> "t" + topicIds.size())).append('\n');
            }
        }
        topicIds.forEach((topic, id) -> out.append("    ").append(id).append("[/\"").append(mermaidText(topic))
            .append("\"/]\n"));
        storeIds.forEach((store, id) -> out.append("    ").append(id).append("[(\"").append(mermaidText(store))
            .append("\")]\n"));
        return out.append(edges).toString();
    }

    private static String mermaidText(String text) {
        return text.replace("\"", "#quot;");
    }

    @Override
    public String toString() {
        return describe();
    }
}
