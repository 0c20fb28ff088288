package io.tributary.streams;

import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.InternalTopology.NodeSpec;
import java.util.List;
import java.util.Set;

/**
 * A built processing graph: sources, processors, sinks and state stores. Immutable once built; run it with
 * {@link TributaryStreams}. {@link #describe()} prints it, one sub-topology (a connected part) at a time:
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

    Topology(InternalTopology internal) {
        this.internal = internal;
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

    @Override
    public String toString() {
        return describe();
    }
}
