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
 * @param aggregations per operation (count, reduce, aggregate), how many lie upstream
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

    /** This lineage with one more {@code operation}. */
    Lineage with(String operation) {
        Map<String, Integer> m = new HashMap<>(aggregations);
        m.merge(operation, 1, Integer::sum);
        return new Lineage(sourceTopics, m);
    }

    /** The derived name of the next {@code operation}'s store: {@code <topics>-<operation>-<n>-store}. */
    String storeName(String operation) {
        return String.join("-", sourceTopics) + "-" + operation + "-" + with(operation).aggregations.get(operation)
            + "-store";
    }
}
