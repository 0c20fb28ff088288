package io.tributary.clients.admin;

import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.TopicPartition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Manages topics, consumer groups, offsets and settings of a Kafka-compatible cluster. Thread-safe: share one client.
 *
 * <p>Every operation returns at once with a future of plain values. A failure completes the future exceptionally with
 * a {@link io.tributary.common.TributaryException} whose {@link io.tributary.common.TributaryException#error()} is
 * the Kafka error (TOPIC_ALREADY_EXISTS, UNKNOWN_TOPIC_OR_PARTITION, GROUP_ID_NOT_FOUND ...) and whose message names
 * the topic or group. When an operation covers several topics, groups or partitions and some fail, the future fails
 * with the first failure (the others attached as suppressed exceptions); the rest were still carried out. Retriable
 * errors (a coordinator moving or loading, a lost connection, a leader change) are retried every
 * {@code retry.backoff.ms} until {@code default.api.timeout.ms}, after which the future fails with a
 * {@link io.tributary.common.TimeoutException} naming the operation.
 *
 * <p>Futures complete on the client's I/O thread: do not block in a continuation ({@code thenApply} ...), use the
 * {@code ...Async} variants for that.
 *
 * <pre>{@code
 * try (Admin admin = TributaryAdmin.create(Map.of("bootstrap.servers", "localhost:9092"))) {
 *     admin.createTopics(List.of(new NewTopic("orders", 6, (short) 1))).join();
 *     Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
 *         Map.of(new TopicPartition("orders", 0), OffsetSpec.latest())).join();
 * }
 * }</pre>
 */
public interface Admin extends AutoCloseable {
    /** Creates topics; the result names each with its id and size. */
    default CompletableFuture<Map<String, CreateTopicResult>> createTopics(Collection<NewTopic> topics) {
        return createTopics(topics, false);
    }

    /** Creates topics, or with {@code validateOnly} only checks that they could be created. */
    CompletableFuture<Map<String, CreateTopicResult>> createTopics(Collection<NewTopic> topics, boolean validateOnly);

    /** Deletes topics by name (UNKNOWN_TOPIC_OR_PARTITION for one that does not exist). */
    CompletableFuture<Void> deleteTopics(Collection<String> names);

    /** The names of the topics, without internal ones such as {@code __consumer_offsets}. */
    default CompletableFuture<Set<String>> listTopics() {
        return listTopics(false);
    }

    /** The names of the topics, sorted; internal ones too if {@code includeInternal}. */
    CompletableFuture<Set<String>> listTopics(boolean includeInternal);

    /** Each topic with its id and partitions (leader, replicas, in-sync replicas). */
    CompletableFuture<Map<String, TopicDescription>> describeTopics(Collection<String> names);

    /** Grows topics to the given total partition counts (INVALID_PARTITIONS when not larger). */
    default CompletableFuture<Void> createPartitions(Map<String, Integer> newTotalCounts) {
        return createPartitions(newTotalCounts, false);
    }

    /** As {@link #createPartitions(Map)}; with {@code validateOnly} only checks the change. */
    CompletableFuture<Void> createPartitions(Map<String, Integer> newTotalCounts, boolean validateOnly);

    /** The cluster id, the controller and the brokers. */
    CompletableFuture<ClusterDescription> describeCluster();

    /** The consumer groups of every broker (protocol type "consumer", or "" for offset-only groups). */
    CompletableFuture<List<ConsumerGroupListing>> listConsumerGroups();

    /** Each group's state, assignor and members with their decoded assignments (GROUP_ID_NOT_FOUND if unknown). */
    CompletableFuture<Map<String, ConsumerGroupDescription>> describeConsumerGroups(Collection<String> groupIds);

    /** Deletes empty groups and their offsets (NON_EMPTY_GROUP while members remain, GROUP_ID_NOT_FOUND). */
    CompletableFuture<Void> deleteConsumerGroups(Collection<String> groupIds);

    /** Every offset {@code groupId} committed (empty for a group that does not exist). */
    default CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(String groupId) {
        return listConsumerGroupOffsets(groupId, null);
    }

    /** The offsets {@code groupId} committed for {@code partitions} (null: all); partitions without one are left out. */
    CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(
        String groupId, Collection<TopicPartition> partitions);

    /**
     * Commits offsets for a group that has no active members (as {@code kafka-consumer-groups --reset-offsets}
     * does); a group with members refuses (UNKNOWN_MEMBER_ID or ILLEGAL_GENERATION).
     */
    CompletableFuture<Void> alterConsumerGroupOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets);

    /** Deletes committed offsets of a group (GROUP_SUBSCRIBED_TO_TOPIC while members consume the topic). */
    CompletableFuture<Void> deleteConsumerGroupOffsets(String groupId, Set<TopicPartition> partitions);

    /** Looks up offsets of partitions (each asked of its leader). */
    CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> listOffsets(Map<TopicPartition, OffsetSpec> specs);

    /** The settings of topics or brokers. */
    CompletableFuture<Map<ConfigResource, List<ConfigEntry>>> describeConfigs(Collection<ConfigResource> resources);

    /** Changes settings key by key (set, delete, append to or subtract from a list). */
    CompletableFuture<Void> incrementalAlterConfigs(Map<ConfigResource, Collection<AlterConfigOp>> changes);

    /**
     * Deletes the records of partitions below the given offsets (-1: all records up to the high watermark); the
     * result is each partition's new low watermark (log start offset).
     */
    CompletableFuture<Map<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets);

    /** Closes connections; operations still running fail. */
    @Override
    void close();
}
