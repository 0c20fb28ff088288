package io.tributary.streams.processor.internals;

import io.tributary.streams.TopologyException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks at start-up that the topics of each join are co-partitioned and decides how many partitions the repartition
 * topics get: those in a join's group as many as the group's source topics (so that partition {@code p} of the stream
 * meets partition {@code p} of the table in task {@code p}), the others as many as the largest source topic.
 */
public final class CopartitionedTopicsEnforcer {
    private CopartitionedTopicsEnforcer() {
    }

    /**
     * The partition count of each repartition topic.
     *
     * @param groups          the co-partition groups, with real topic names
     * @param sourcePartitions the partition count of each external source topic
     * @param repartitions    the real names of the repartition topics
     * @param defaultCount    the count of a repartition topic outside every group
     * @throws TopologyException if the external topics of a group have different partition counts
     */
    public static Map<String, Integer> repartitionCounts(List<Set<String>> groups, Map<String, Integer> sourcePartitions,
                                                         Set<String> repartitions, int defaultCount) {
        Map<String, Integer> counts = new HashMap<>();
        for (Set<String> group : groups) {
            Map<String, Integer> external = new LinkedHashMap<>();
            for (String topic : group) {
                Integer n = sourcePartitions.get(topic);
                if (n != null) {
                    external.put(topic, n);
                }
            }
            if (external.values().stream().distinct().count() > 1) {
                throw new TopologyException("the topics of a join are not co-partitioned: " + external
                    + " partitions; a join needs the same number of partitions on both sides (repartition one side "
                    + "with KStream.repartition or recreate the topic)");
            }
            int groupCount = external.isEmpty() ? defaultCount : external.values().iterator().next();
            for (String topic : group) {
                if (repartitions.contains(topic)) {
                    Integer previous = counts.put(topic, groupCount);
                    if (previous != null && previous != groupCount) {
                        throw new TopologyException("repartition topic " + topic + " would need " + previous + " and "
                            + groupCount + " partitions for two joins");
                    }
                }
            }
        }
        for (String topic : repartitions) {
            counts.putIfAbsent(topic, defaultCount);
        }
        return counts;
    }
}
