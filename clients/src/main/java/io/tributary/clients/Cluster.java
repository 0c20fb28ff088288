package io.tributary.clients;

import io.tributary.common.Errors;
import io.tributary.common.Uuid;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of cluster metadata: brokers, controller and the topics that were asked for.
 *
 * @param clusterId    the cluster id, or null before the first answer
 * @param controllerId the controller's node id, or -1
 * @param nodes        brokers by id
 * @param topics       topics by name, each with its error (NONE when it was found)
 * @param updatedAtMs  when this snapshot arrived (wall clock), 0 for the empty one
 */
public record Cluster(String clusterId, int controllerId, Map<Integer, Node> nodes, Map<String, Topic> topics,
                      long updatedAtMs) {

    /** A topic's metadata. */
    public record Topic(String name, Uuid id, Errors error, boolean internal, List<PartitionInfo> partitions) {
    }

    /** The snapshot before any metadata arrived. */
    public static Cluster empty() {
        return new Cluster(null, -1, Map.of(), Map.of(), 0);
    }

    /** The partitions of {@code topic}, or an empty list if it is not known (or has an error). */
    public List<PartitionInfo> partitionsFor(String topic) {
        Topic t = topics.get(topic);
        return t == null || t.error() != Errors.NONE ? List.of() : t.partitions();
    }

    /** The leader of a partition, or null. */
    public Node leaderFor(String topic, int partition) {
        List<PartitionInfo> ps = partitionsFor(topic);
        return partition >= 0 && partition < ps.size() ? ps.get(partition).leader() : null;
    }
}
