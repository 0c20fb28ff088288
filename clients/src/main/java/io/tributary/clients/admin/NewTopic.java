package io.tributary.clients.admin;

import java.util.Map;
import java.util.Objects;

/**
 * A topic to create.
 *
 * <pre>{@code
 * new NewTopic("orders", 6, (short) 1).withConfigs(Map.of("cleanup.policy", "compact"))
 * }</pre>
 *
 * @param name              the topic name
 * @param partitions        the partition count, or -1 for the broker's {@code num.partitions}
 * @param replicationFactor the replication factor, or -1 for the broker's {@code default.replication.factor}
 * @param configs           topic settings that override the broker's defaults (not null)
 */
public record NewTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    public NewTopic {
        Objects.requireNonNull(name, "name");
        if (partitions == 0 || partitions < -1) {
            throw new IllegalArgumentException("partitions : " + partitions + " (expected: > 0 or -1 for the default)");
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            throw new IllegalArgumentException("replicationFactor : " + replicationFactor
                + " (expected: > 0 or -1 for the default)");
        }
        configs = Map.copyOf(configs);
    }

    /** A topic with {@code partitions} partitions and {@code replicationFactor} replicas, no overrides. */
    public NewTopic(String name, int partitions, short replicationFactor) {
        this(name, partitions, replicationFactor, Map.of());
    }

    /** A topic with the broker's default partition count and replication factor. */
    public NewTopic(String name) {
        this(name, -1, (short) -1, Map.of());
    }

    /** This topic with {@code overrides} as its settings. */
    public NewTopic withConfigs(Map<String, String> overrides) {
        return new NewTopic(name, partitions, replicationFactor, overrides);
    }
}
