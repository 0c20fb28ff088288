package io.tributary.clients.consumer;

import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client-side assignment strategy of the classic group protocol: the group leader runs it over every member's
 * subscription. The names are Kafka's ({@code range}, {@code roundrobin}, {@code cooperative-sticky}), so
 * Tributary and Apache Kafka consumers can share a group.
 */
public interface ConsumerPartitionAssignor {
    /** How members hand over partitions during a rebalance. */
    enum RebalanceProtocol {
        /** Every member revokes all its partitions before rejoining. */
        EAGER,
        /** Members keep their partitions and revoke only those moving elsewhere, in a second round. */
        COOPERATIVE
    }

    /**
     * A member's subscription as it arrives in JoinGroup.
     *
     * @param topics          subscribed topics
     * @param userData        assignor-specific bytes, or null
     * @param ownedPartitions partitions the member holds now
     * @param generationId    the generation those were assigned in, or -1
     * @param rackId          the member's rack, or null
     */
    record Subscription(List<String> topics, ByteBuffer userData, List<TopicPartition> ownedPartitions,
                        int generationId, String rackId) {
    }

    /**
     * What a member is assigned.
     *
     * @param partitions its partitions
     * @param userData   assignor-specific bytes, or null
     */
    record Assignment(List<TopicPartition> partitions, ByteBuffer userData) {
    }

    /** The protocol name announced in JoinGroup. */
    String name();

    /** Protocols this strategy supports (EAGER unless it says otherwise). */
    default List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.EAGER);
    }

    /** Extra bytes to put in this member's subscription. */
    default ByteBuffer subscriptionUserData(Set<String> topics) {
        return null;
    }

    /**
     * Assigns partitions.
     *
     * @param partitionsPerTopic partition counts of every subscribed topic that exists
     * @param subscriptions      each member's subscription, by member id
     * @return an assignment for every member (possibly empty)
     */
    Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic, Map<String, Subscription> subscriptions);
}
