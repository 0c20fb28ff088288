package io.tributary.clients.producer;

import io.tributary.clients.Cluster;

/** Chooses the partition of records that name none. Set with {@code partitioner.class} or the builder. */
@FunctionalInterface
public interface Partitioner extends AutoCloseable {
    /**
     * @param topic    the topic
     * @param key      the key object, or null
     * @param keyBytes the serialized key, or null
     * @param value    the value object
     * @param cluster  current metadata (the topic's partitions are known)
     * @return a partition of the topic
     */
    int partition(String topic, Object key, byte[] keyBytes, Object value, Cluster cluster);

    /** Called with the producer's configuration once. */
    default void configure(java.util.Map<String, ?> configs) {
    }

    @Override
    default void close() {
    }
}
