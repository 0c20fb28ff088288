package io.tributary.broker.group;

/**
 * Coordinator settings (Kafka's broker names in brackets).
 *
 * @param initialRebalanceDelayMs how long a new, empty group waits for more members [group.initial.rebalance.delay.ms]
 * @param minSessionTimeoutMs     smallest session timeout a member may ask for [group.min.session.timeout.ms]
 * @param maxSessionTimeoutMs     largest session timeout a member may ask for [group.max.session.timeout.ms]
 * @param offsetsPartitions       partitions of {@code __consumer_offsets} [offsets.topic.num.partitions]
 * @param maxMetadataBytes        longest commit metadata string, in bytes [offset.metadata.max.bytes]
 */
public record GroupConfig(long initialRebalanceDelayMs, int minSessionTimeoutMs, int maxSessionTimeoutMs,
                          int offsetsPartitions, int maxMetadataBytes) {
    /** Kafka's defaults: 3000 ms, 6000 ms, 1800000 ms, 50 partitions, 4096 bytes. */
    public static GroupConfig defaults() {
        return new GroupConfig(3000, 6000, 1_800_000, 50, 4096);
    }

    public GroupConfig withInitialRebalanceDelayMs(long ms) {
        return new GroupConfig(ms, minSessionTimeoutMs, maxSessionTimeoutMs, offsetsPartitions, maxMetadataBytes);
    }
}
