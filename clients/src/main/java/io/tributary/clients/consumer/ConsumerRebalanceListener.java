package io.tributary.clients.consumer;

import io.tributary.common.TopicPartition;
import java.util.Collection;

/**
 * Told when a group rebalance takes partitions away or hands new ones over. Called on the thread that calls
 * {@code poll}, so it may commit offsets or seek.
 */
public interface ConsumerRebalanceListener {
    /** Partitions this consumer gives up (commit their offsets here); with the eager protocol, all of them. */
    void onPartitionsRevoked(Collection<TopicPartition> partitions);

    /** Partitions newly assigned to this consumer (with cooperative rebalancing: only the added ones). */
    void onPartitionsAssigned(Collection<TopicPartition> partitions);

    /** Partitions lost without a chance to commit (the group moved on); by default treated as revoked. */
    default void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }
}
