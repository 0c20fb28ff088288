package io.tributary.broker.group;

/**
 * Coordinator settings (Kafka's broker names in brackets).
 *
 * @param initialRebalanceDelayMs         how long a new, empty group waits for more members [group.initial.rebalance.delay.ms]
 * @param minSessionTimeoutMs             smallest session timeout a member may ask for [group.min.session.timeout.ms]
 * @param maxSessionTimeoutMs             largest session timeout a member may ask for [group.max.session.timeout.ms]
 * @param offsetsPartitions               partitions of {@code __consumer_offsets} [offsets.topic.num.partitions]
 * @param maxMetadataBytes                longest commit metadata string, in bytes [offset.metadata.max.bytes]
 * @param offsetsRetentionMs              how long the offsets of an Empty group are kept [offsets.retention.minutes]
 * @param offsetsRetentionCheckIntervalMs how often expired offsets are looked for [offsets.retention.check.interval.ms]
 */
public record GroupConfig(long initialRebalanceDelayMs, int minSessionTimeoutMs, int maxSessionTimeoutMs,
                          int offsetsPartitions, int maxMetadataBytes, long offsetsRetentionMs,
                          long offsetsRetentionCheckIntervalMs) {
    /** Kafka's default offsets.retention.minutes (7 days), in ms. */
    public static final long DEFAULT_OFFSETS_RETENTION_MS = 10_080L * 60_000L;
    /** Kafka's default offsets.retention.check.interval.ms (10 minutes). */
    public static final long DEFAULT_OFFSETS_RETENTION_CHECK_INTERVAL_MS = 600_000L;

    /** Settings with Kafka's default offset retention. */
    public GroupConfig(long initialRebalanceDelayMs, int minSessionTimeoutMs, int maxSessionTimeoutMs,
                       int offsetsPartitions, int maxMetadataBytes) {
        this(initialRebalanceDelayMs, minSessionTimeoutMs, maxSessionTimeoutMs, offsetsPartitions, maxMetadataBytes,
            DEFAULT_OFFSETS_RETENTION_MS, DEFAULT_OFFSETS_RETENTION_CHECK_INTERVAL_MS);
    }

    /** Kafka's defaults: 3000 ms, 6000 ms, 1800000 ms, 50 partitions, 4096 bytes, 7 days, 10 minutes. */
    public static GroupConfig defaults() {
        return new GroupConfig(3000, 6000, 1_800_000, 50, 4096);
    }

    public GroupConfig withInitialRebalanceDelayMs(long ms) {
        return new GroupConfig(ms, minSessionTimeoutMs, maxSessionTimeoutMs, offsetsPartitions, maxMetadataBytes,
            offsetsRetentionMs, offsetsRetentionCheckIntervalMs);
    }

    public GroupConfig withOffsetsRetentionMs(long ms) {
        return new GroupConfig(initialRebalanceDelayMs, minSessionTimeoutMs, maxSessionTimeoutMs, offsetsPartitions,
            maxMetadataBytes, ms, offsetsRetentionCheckIntervalMs);
    }
}
