package io.tributary.streams.kstream.internals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stream descends from, for naming unnamed stores stably: its source topics and how many aggregations of
 * each kind lie on its path from the source. Stateless operators do not change it, so adding one does not rename
 * any store (unlike a topology-wide counter, which renumbers every later store).
 *
 * @param sourceTopics the topics of the source the stream starts from
 * @param aggregations per operation (count, reduce, aggregate, repartition), how many lie upstream
 */
public record Lineage(List<String> sourceTopics, Map<String, Integer> aggregations) {
    public Lineage {
        sourceTopics = List.copyOf(sourceTopics);
        aggregations = Map.copyOf(aggregations);
    }

    /** The lineage of a source reading {@code topics}. */
    public static Lineage of(List<String> topics) {
        return new Lineage(topics, Map.of());
    }

    /** The lineage of a merge of this stream and {@code other}: both sources' topics, the longer count of each. */
    Lineage merge(Lineage other) {
        java.util.LinkedHashSet<String> topics = new java.util.LinkedHashSet<>(sourceTopics);
        topics.addAll(other.sourceTopics);
        Map<String, Integer> m = new HashMap<>(aggregations);
        other.aggregations.forEach((op, n) -> m.merge(op, n, Math::max));
        return new Lineage(List.copyOf(topics), m);
    }

    /** This lineage with one more {@code operation}. */
    Lineage with(String operation) {
        Map<String, Integer> m = new HashMap<>(aggregations);
        m.merge(operation, 1, Integer::sum);
        return new Lineage(sourceTopics, m);
    }

    /**
     * The derived name of the next unnamed repartition: {@code <topics>-<n>} ({@code n} counts the repartitions on
     * the path, this one included), so its topic is {@code <topics>-<n>-repartition}.
     */
    String repartitionName() {
        return String.join("-", sourceTopics) + "-" + with("repartition").aggregations.get("repartition");
    }

    /** The derived name of the next {@code operation}'s store: {@code <topics>-<operation>-<n>-store}. */
    String storeName(String operation) {
        return String.join("-", sourceTopics) + "-" + operation + "-" + with(operation).aggregations.get(operation)
            + "-store";
    }

    /**
     * The derived name of the next {@code operation} that needs one without a store (a join's repartition topic):
     * {@code <topics>-<operation>-<n>}.
     */
    String operationName(String operation) {
        return String.join("-", sourceTopics) + "-" + operation + "-" + with(operation).aggregations.get(operation);
    }
}
