package io.tributary.streams.processor.internals;

import io.tributary.streams.TopologyException;
import io.tributary.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The processor graph a {@link io.tributary.streams.StreamsBuilder} builds: named source, processor and sink
 * nodes, each with a factory that makes a fresh node per task, and the state stores the processors use. The
 * runtime instantiates it once per task with {@link #build}.
 */
public final class InternalTopology {
    /** What a node is, for {@link #describe()}. */
    public enum Kind { SOURCE, PROCESSOR, SINK }

    /** A node: its name, kind, parents, factory, topics (a source's inputs or a sink's output) and stores. */
    public record NodeSpec(String name, Kind kind, List<String> parents, Supplier<? extends ProcessorNode> factory,
                           List<String> topics, List<String> stores) {
    }

    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, StoreBuilder<?>> stores = new LinkedHashMap<>();
    private final Map<String, String> sourceByTopic = new LinkedHashMap<>();
    /** Repartition topics as named in the topology, without the application id the runtime puts in front. */
    private final Set<String> repartitionTopics = new LinkedHashSet<>();
    /** Nodes whose inputs must be co-partitioned (the two sides of each join). */
    private final List<List<String>> copartitionGroups = new ArrayList<>();
    private int index;
    /** Stores and internal topics whose names were derived, each with how to name it (for topology.require.names). */
    private final List<String> derivedNames = new ArrayList<>();

    /** A fresh node name: {@code prefix} and a ten-digit sequence number, e.g. KSTREAM-FILTER-0000000001. */
    public String newName(String prefix) {
        return String.format("%s-%010d", prefix, index++);
    }

    public void addSource(String name, List<String> topics, Supplier<SourceNode> factory) {
        for (String topic : topics) {
            String other = sourceByTopic.putIfAbsent(topic, name);
            if (other != null) {
                throw new TopologyException("topic " + topic + " is already read by source " + other
                    + "; read each topic once and share the resulting KStream");
            }
        }
        add(new NodeSpec(name, Kind.SOURCE, List.of(), factory, List.copyOf(topics), List.of()));
    }

    /** A source reading the repartition topic {@code topic} (a name from {@link #repartitionTopic}). */
    public void addRepartitionSource(String name, String topic, Supplier<SourceNode> factory) {
        addSource(name, List.of(topic), factory);
        repartitionTopics.add(topic);
    }

    /** The topology's name of the repartition topic called {@code name}: {@code <name>-repartition}. */
    public static String repartitionTopic(String name) {
        return name + "-repartition";
    }

    /** The real name of a topology's topic: a repartition topic gets the application id in front. */
    public String resolve(String applicationId, String topic) {
        return repartitionTopics.contains(topic) ? applicationId + "-" + topic : topic;
    }

    /** The source topics that are not repartition topics (they must exist before start). */
    public Set<String> externalSourceTopics() {
        Set<String> out = new LinkedHashSet<>(sourceByTopic.keySet());
        out.removeAll(repartitionTopics);
        return out;
    }

    /** The real names of the repartition topics in application {@code applicationId}. */
    public Set<String> repartitionTopics(String applicationId) {
        Set<String> out = new LinkedHashSet<>();
        repartitionTopics.forEach(t -> out.add(resolve(applicationId, t)));
        return out;
    }

    /** The real names of every topic read, repartition topics included, in application {@code applicationId}. */
    public Set<String> sourceTopics(String applicationId) {
        Set<String> out = new LinkedHashSet<>();
        sourceByTopic.keySet().forEach(t -> out.add(resolve(applicationId, t)));
        return out;
    }

    public void addProcessor(String name, String parent, Supplier<? extends ProcessorNode> factory,
                             List<String> storeNames) {
        addProcessor(name, List.of(parent), factory, storeNames);
    }

    /** A processor with several parents (a merge): it receives the records of each. */
    public void addProcessor(String name, List<String> parents, Supplier<? extends ProcessorNode> factory,
                             List<String> storeNames) {
        for (String store : storeNames) {
            if (!stores.containsKey(store)) {
                throw new TopologyException("processor " + name + " uses unknown store " + store);
            }
        }
        add(new NodeSpec(name, Kind.PROCESSOR, List.copyOf(parents), factory, List.of(), List.copyOf(storeNames)));
    }

    /** A sink writing to {@code topic}, or (null) to the topic a topic chooser picks per record. */
    public void addSink(String name, String parent, String topic, Supplier<? extends ProcessorNode> factory) {
        addSink(name, List.of(parent), topic, factory);
    }

    /** A sink fed by several parents. */
    public void addSink(String name, List<String> parents, String topic, Supplier<? extends ProcessorNode> factory) {
        add(new NodeSpec(name, Kind.SINK, List.copyOf(parents), factory, topic == null ? List.of() : List.of(topic),
            List.of()));
    }

    public void addStore(StoreBuilder<?> store) {
        if (stores.putIfAbsent(store.name(), store) != null) {
            throw new TopologyException("a state store named " + store.name()
                + " already exists; give each aggregation its own Materialized.as name");
        }
    }

    /** Connects {@code processor} to the existing stores {@code storeNames}. */
    public void connectProcessorAndStores(String processor, List<String> storeNames) {
        NodeSpec node = nodes.get(processor);
        if (node == null || node.kind() != Kind.PROCESSOR) {
            throw new TopologyException("no processor named " + processor);
        }
        List<String> all = new ArrayList<>(node.stores());
        for (String store : storeNames) {
            if (!stores.containsKey(store)) {
                throw new TopologyException("processor " + processor + " uses unknown store " + store
                    + "; add it first (StreamsBuilder.addStateStore or Topology.addStateStore)");
            }
            if (!all.contains(store)) {
                all.add(store);
            }
        }
        nodes.put(processor, new NodeSpec(node.name(), node.kind(), node.parents(), node.factory(), node.topics(),
            List.copyOf(all)));
    }

    /** Whether a node called {@code name} exists. */
    public boolean hasNode(String name) {
        return nodes.containsKey(name);
    }

    private void add(NodeSpec node) {
        for (String parent : node.parents()) {
            NodeSpec p = nodes.get(parent);
            if (p == null) {
                throw new TopologyException("node " + node.name() + " has unknown parent " + parent);
            }
            if (p.kind() == Kind.SINK) {
                throw new TopologyException("node " + node.name() + " cannot have sink " + parent + " as its parent");
            }
        }
        if (nodes.putIfAbsent(node.name(), node) != null) {
            throw new TopologyException("a node named " + node.name() + " already exists");
        }
    }

    /** Every topic a source reads (repartition topics without the application id), in the order added. */
    public Set<String> sourceTopics() {
        return new LinkedHashSet<>(sourceByTopic.keySet());
    }

    /** The stores by name, in the order added. */
    public Map<String, StoreBuilder<?>> stores() {
        return java.util.Collections.unmodifiableMap(stores);
    }

    public List<NodeSpec> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The changelog topic of {@code store} in application {@code applicationId}. */
    public static String changelogTopic(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    /** A task's instance of the graph: the source node of each source topic's real name, and every node in order. */
    record Built(Map<String, ProcessorNode> sources, List<ProcessorNode> nodes) {
    }

    /** A fresh node per spec, wired parent to child, in the order the nodes were added (parents first). */
    Built build(String applicationId) {
        Map<String, ProcessorNode> instances = new LinkedHashMap<>();
        for (NodeSpec spec : nodes.values()) {
            ProcessorNode node = spec.factory().get();
            node.setNameAndStores(spec.name(), spec.stores());
            instances.put(spec.name(), node);
            for (String parent : spec.parents()) {
                instances.get(parent).addChild(node);
            }
        }
        Map<String, ProcessorNode> sources = new LinkedHashMap<>();
        sourceByTopic.forEach((topic, name) -> sources.put(resolve(applicationId, topic), instances.get(name)));
        return new Built(sources, List.copyOf(instances.values()));
    }

    /** The node names of each sub-topology (nodes connected by an edge or a shared store), in order. */
    public List<List<NodeSpec>> subTopologies() {
        Map<String, String> root = new LinkedHashMap<>();
        nodes.keySet().forEach(n -> root.put(n, n));
        Map<String, String> storeOwner = new LinkedHashMap<>();
        for (NodeSpec n : nodes.values()) {
            for (String p : n.parents()) {
                union(root, p, n.name());
            }
            for (String s : n.stores()) {
                String owner = storeOwner.putIfAbsent(s, n.name());
                if (owner != null) {
                    union(root, owner, n.name());
                }
            }
        }
        Map<String, List<NodeSpec>> groups = new LinkedHashMap<>();
        for (NodeSpec n : nodes.values()) {
            groups.computeIfAbsent(find(root, n.name()), k -> new ArrayList<>()).add(n);
        }
        return List.copyOf(groups.values());
    }

    private static String find(Map<String, String> root, String n) {
        String r = root.get(n);
        return r.equals(n) ? n : find(root, r);
    }

    private static void union(Map<String, String> root, String a, String b) {
        String ra = find(root, a);
        String rb = find(root, b);
        if (!ra.equals(rb)) {
            root.put(rb, ra);
        }
    }

    /** The children of {@code name}, in the order they were added. */
    public List<String> childrenOf(String name) {
        List<String> out = new ArrayList<>();
        for (NodeSpec n : nodes.values()) {
            if (n.parents().contains(name)) {
                out.add(n.name());
            }
        }
        return out;
    }

    /**
     * Records that {@code what} (e.g. "store words-count-1-store of count") got a derived name, and how to name it
     * ({@code remedy}); {@code topology.require.names=true} refuses topologies with any.
     */
    public void derivedName(String what, String remedy) {
        derivedNames.add(what + " (name it with " + remedy + ")");
    }

    /** The stores and internal topics whose names were derived. */
    public List<String> derivedNames() {
        return List.copyOf(derivedNames);
    }

    /** Every store name, sorted. */
    public Set<String> storeNames() {
        return new TreeSet<>(stores.keySet());
    }

    /**
     * Records that the source topics feeding {@code nodes} (the two sides of a join) must be co-partitioned: the same
     * number of partitions, so that partition {@code p} of each holds the same keys and lands in task {@code p}.
     */
    public void addCopartitionGroup(List<String> nodes) {
        for (String n : nodes) {
            if (!this.nodes.containsKey(n)) {
                throw new TopologyException("co-partition group names unknown node " + n);
            }
        }
        copartitionGroups.add(List.copyOf(nodes));
    }

    /**
     * The topics (repartition topics without the application id) that must be co-partitioned, one set per join:
     * every topic read by a source upstream of the group's nodes.
     */
    public List<Set<String>> copartitionGroups() {
        List<Set<String>> out = new ArrayList<>();
        for (List<String> group : copartitionGroups) {
            Set<String> topics = new TreeSet<>();
            for (String n : group) {
                collectSourceTopics(n, topics, new java.util.HashSet<>());
            }
            out.add(topics);
        }
        return out;
    }

    private void collectSourceTopics(String name, Set<String> topics, Set<String> seen) {
        if (!seen.add(name)) {
            return;
        }
        NodeSpec n = nodes.get(name);
        if (n.kind() == Kind.SOURCE) {
            topics.addAll(n.topics());
        }
        for (String parent : n.parents()) {
            collectSourceTopics(parent, topics, seen);
        }
    }
}
