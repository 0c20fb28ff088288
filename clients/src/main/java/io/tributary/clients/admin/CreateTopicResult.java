package io.tributary.clients.admin;

import io.tributary.common.Uuid;

/**
 * A topic the broker created (or, with validateOnly, would create).
 *
 * @param name              the topic name
 * @param topicId           its id, or {@link Uuid#ZERO} when the broker does not say (CreateTopics before v7)
 * @param partitions        its partition count, or -1 when the broker does not say (before v5)
 * @param replicationFactor its replication factor, or -1 when the broker does not say (before v5)
 */
public record CreateTopicResult(String name, Uuid topicId, int partitions, short replicationFactor) {
}
