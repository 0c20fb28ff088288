package io.tributary.samples;

import io.tributary.clients.Node;
import io.tributary.clients.PartitionInfo;
import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.AlterConfigOp;
import io.tributary.clients.admin.ConfigEntry;
import io.tributary.clients.admin.ConfigResource;
import io.tributary.clients.admin.ConsumerGroupListing;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.OffsetSpec;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * A walk-through of the admin client: create a topic, describe it, change a setting on the live topic, give a
 * consumer group offsets and list the groups, then delete the group and the topic again. Each step prints what it
 * did; the bin/ tools ({@code topics}, {@code configs}, {@code consumer-groups}) are built on the same calls.
 *
 * <p>Every admin call returns a {@code CompletableFuture}; {@code join()} waits for it, and a failure arrives as a
 * {@code CompletionException} whose cause is a {@link TributaryException} naming the Kafka error.
 *
 * <pre>
 * java -cp samples/target/tributary-samples.jar io.tributary.samples.AdminSample [--bootstrap-server host:port]
 * </pre>
 */
public final class AdminSample {
    static final String TOPIC = "sample-inventory";
    static final String GROUP = "sample-inventory-readers";

    private AdminSample() {
    }

    public static void main(String[] args) throws Exception {
        try (TargetCluster cluster = TargetCluster.fromArgs(args)) {
            run(cluster.bootstrapServers());
        }
    }

    static void run(String bootstrapServers) {
        // one admin client for everything; it is thread-safe and holds connections, so close it when done
        try (Admin admin = TributaryAdmin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            List<Node> brokers = admin.describeCluster().join().nodes();
            System.out.println("1. the cluster has " + brokers.size() + " broker(s): " + brokers);

            // 2. create: 3 partitions, one copy each (a single-node cluster has no room for more), one override
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1, Map.of("cleanup.policy", "compact"))))
                    .join();
                System.out.println("2. created topic " + TOPIC);
            } catch (CompletionException e) {
                if (errorOf(e) != Errors.TOPIC_ALREADY_EXISTS) {
                    throw e;
                }
                System.out.println("2. topic " + TOPIC + " exists already (an earlier run?); using it");
            }

            // 3. describe: partitions with their leader and replicas
            TopicDescription description = admin.describeTopics(List.of(TOPIC)).join().get(TOPIC);
            System.out.println("3. " + TOPIC + " (id " + description.topicId() + ") has "
                + description.partitions().size() + " partitions:");
            for (PartitionInfo p : description.partitions()) {
                System.out.println("     partition " + p.partition() + ": leader " + p.leader().id() + ", replicas "
                    + p.replicas().stream().map(Node::id).toList());
            }

            // 4. change settings on the live topic: only the named keys change, the rest keep their values
            ConfigResource topicResource = ConfigResource.topic(TOPIC);
            admin.incrementalAlterConfigs(Map.of(topicResource, List.of(
                AlterConfigOp.set("retention.ms", "3600000"),   // keep records for an hour
                AlterConfigOp.set("cleanup.policy", "delete"))))  // delete old segments instead of compacting
                .join();
            List<ConfigEntry> configs = admin.describeConfigs(List.of(topicResource)).join().get(topicResource);
            System.out.println("4. settings the topic overrides now:");
            configs.stream().filter(c -> c.source() == ConfigEntry.Source.TOPIC_CONFIG)
                .forEach(c -> System.out.println("     " + c.name() + "=" + c.value()));

            // 5. consumer groups: give a group a starting offset (only while it has no active members, as
            //    consumer-groups --reset-offsets does), then list the groups and the group's offsets
            TopicPartition first = new TopicPartition(TOPIC, 0);
            long end = admin.listOffsets(Map.of(first, OffsetSpec.latest())).join().get(first).offset();
            admin.alterConsumerGroupOffsets(GROUP, Map.of(first, new OffsetAndMetadata(end))).join();
            List<String> groups = admin.listConsumerGroups().join().stream().map(ConsumerGroupListing::groupId)
                .sorted().toList();
            System.out.println("5. consumer groups: " + groups + "; " + GROUP + " has committed:");
            admin.listConsumerGroupOffsets(GROUP).join().forEach((tp, committed) ->
                System.out.println("     " + tp + " -> " + committed.offset()));

            // 6. clean up: a group can be deleted once it has no active members, then the topic
            admin.deleteConsumerGroups(List.of(GROUP)).join();
            admin.deleteTopics(List.of(TOPIC)).join();
            Collection<String> left = admin.listTopics().join();
            System.out.println("6. deleted group " + GROUP + " and topic " + TOPIC + "; topics left: " + left);
        }
    }

    private static Errors errorOf(CompletionException e) {
        return e.getCause() instanceof TributaryException te ? te.error() : null;
    }
}
