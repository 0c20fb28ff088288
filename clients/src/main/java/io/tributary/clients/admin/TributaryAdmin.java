package io.tributary.clients.admin;

import io.tributary.clients.admin.internals.AdminCalls;
import io.tributary.clients.admin.internals.ConfigOperations;
import io.tributary.clients.admin.internals.GroupOperations;
import io.tributary.clients.admin.internals.PartitionOperations;
import io.tributary.clients.admin.internals.TopicOperations;
import io.tributary.clients.internals.CommonConfigs;
import io.tributary.clients.internals.Metadata;
import io.tributary.clients.internals.NetworkClient;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.TopicPartition;
import io.tributary.common.config.ParsedConfig;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tributary's {@link Admin}: Kafka's admin operations over the Kafka protocol, against broker-lite or an Apache
 * Kafka cluster. Each request is sent at the highest version both this client and the broker know. Thread-safe.
 *
 * <pre>{@code
 * try (Admin admin = TributaryAdmin.create(Map.of("bootstrap.servers", "localhost:9092"))) {
 *     admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).join();
 *     admin.describeConsumerGroups(List.of("billing")).join().get("billing").members();
 * }
 * }</pre>
 */
public final class TributaryAdmin implements Admin {
    private static final Logger log = LoggerFactory.getLogger(TributaryAdmin.class);

    private final String clientId;
    private final NetworkClient network;
    private final AdminCalls calls;
    private final TopicOperations topics;
    private final GroupOperations groups;
    private final PartitionOperations partitions;
    private final ConfigOperations configs;

    private TributaryAdmin(Map<?, ?> props) {
        ParsedConfig c = AdminConfig.DEFINITION.parse(props);
        CommonConfigs.warnUnknown(c, log);
        this.clientId = CommonConfigs.clientId(c, "adminclient");
        List<io.tributary.clients.Node> bootstrap =
            Metadata.parseBootstrap(c.getList(CommonConfigs.BOOTSTRAP_SERVERS));
        this.network = new NetworkClient(CommonConfigs.network(c, clientId));
        long backoff = c.getLong(CommonConfigs.RETRY_BACKOFF_MS);
        Metadata metadata = new Metadata(network, bootstrap, c.getLong(CommonConfigs.METADATA_MAX_AGE_MS), backoff,
            false);
        this.calls = new AdminCalls(network, metadata, backoff, c.getLong(CommonConfigs.RETRY_BACKOFF_MAX_MS),
            c.getInt(AdminConfig.DEFAULT_API_TIMEOUT_MS_CONFIG));
        this.topics = new TopicOperations(calls);
        this.groups = new GroupOperations(calls);
        this.partitions = new PartitionOperations(calls);
        this.configs = new ConfigOperations(calls);
    }

    /** An admin client configured by {@code props} (see {@link AdminConfig}); {@code bootstrap.servers} is required. */
    public static TributaryAdmin create(Map<?, ?> props) {
        return new TributaryAdmin(props);
    }

    /** An admin client for {@code bootstrapServers} with default settings. */
    public static TributaryAdmin create(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new TributaryAdmin(props);
    }

    /** The client id in use. */
    public String clientId() {
        return clientId;
    }

    @Override
    public CompletableFuture<Map<String, CreateTopicResult>> createTopics(Collection<NewTopic> newTopics,
                                                                         boolean validateOnly) {
        return topics.createTopics(List.copyOf(newTopics), validateOnly);
    }

    @Override
    public CompletableFuture<Void> deleteTopics(Collection<String> names) {
        return topics.deleteTopics(List.copyOf(names));
    }

    @Override
    public CompletableFuture<Set<String>> listTopics(boolean includeInternal) {
        return topics.listTopics(includeInternal);
    }

    @Override
    public CompletableFuture<Map<String, TopicDescription>> describeTopics(Collection<String> names) {
        return topics.describeTopics(List.copyOf(names));
    }

    @Override
    public CompletableFuture<Void> createPartitions(Map<String, Integer> newTotalCounts, boolean validateOnly) {
        return topics.createPartitions(Map.copyOf(newTotalCounts), validateOnly);
    }

    @Override
    public CompletableFuture<ClusterDescription> describeCluster() {
        return topics.describeCluster();
    }

    @Override
    public CompletableFuture<List<ConsumerGroupListing>> listConsumerGroups() {
        return groups.listConsumerGroups();
    }

    @Override
    public CompletableFuture<Map<String, ConsumerGroupDescription>> describeConsumerGroups(Collection<String> groupIds) {
        return groups.describeConsumerGroups(List.copyOf(groupIds));
    }

    @Override
    public CompletableFuture<Void> deleteConsumerGroups(Collection<String> groupIds) {
        return groups.deleteConsumerGroups(List.copyOf(groupIds));
    }

    @Override
    public CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(
        String groupId, Collection<TopicPartition> only) {
        Objects.requireNonNull(groupId, "groupId");
        return groups.listOffsets(groupId, only == null ? null : List.copyOf(only));
    }

    @Override
    public CompletableFuture<Void> alterConsumerGroupOffsets(String groupId,
                                                             Map<TopicPartition, OffsetAndMetadata> offsets) {
        Objects.requireNonNull(groupId, "groupId");
        return groups.alterOffsets(groupId, Map.copyOf(offsets));
    }

    @Override
    public CompletableFuture<Void> deleteConsumerGroupOffsets(String groupId, Set<TopicPartition> tps) {
        Objects.requireNonNull(groupId, "groupId");
        return groups.deleteOffsets(groupId, Set.copyOf(tps));
    }

    @Override
    public CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> listOffsets(
        Map<TopicPartition, OffsetSpec> specs) {
        return partitions.listOffsets(Map.copyOf(specs));
    }

    @Override
    public CompletableFuture<Map<ConfigResource, List<ConfigEntry>>> describeConfigs(
        Collection<ConfigResource> resources) {
        return configs.describe(List.copyOf(resources));
    }

    @Override
    public CompletableFuture<Void> incrementalAlterConfigs(Map<ConfigResource, Collection<AlterConfigOp>> changes) {
        return configs.incrementalAlter(Map.copyOf(changes));
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        return partitions.deleteRecords(Map.copyOf(beforeOffsets));
    }

    @Override
    public void close() {
        calls.close();
        network.close();
    }
}
