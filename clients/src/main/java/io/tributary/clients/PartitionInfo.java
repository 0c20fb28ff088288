package io.tributary.clients;

import java.util.List;

/**
 * One partition of a topic as the cluster metadata describes it.
 *
 * @param topic       topic name
 * @param partition   partition index
 * @param leader      the leader, or null when it has none right now
 * @param leaderEpoch the leader's epoch, or -1 when unknown
 * @param replicas    every replica
 * @param inSyncReplicas the replicas in sync with the leader
 */
public record PartitionInfo(String topic, int partition, Node leader, int leaderEpoch, List<Node> replicas,
                            List<Node> inSyncReplicas) {
}
