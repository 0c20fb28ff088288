package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.PartitionInfo;
import io.tributary.clients.admin.AlterConfigOp;
import io.tributary.clients.admin.ClusterDescription;
import io.tributary.clients.admin.ConfigEntry;
import io.tributary.clients.admin.ConfigResource;
import io.tributary.clients.admin.ConsumerGroupDescription;
import io.tributary.clients.admin.ConsumerGroupListing;
import io.tributary.clients.admin.CreateTopicResult;
import io.tributary.clients.admin.ListOffsetsResultInfo;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.OffsetSpec;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Errors;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.TimeoutException;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.common.Uuid;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tributary's Admin client against an embedded broker-lite: every operation, and the errors Kafka reports. */
class TributaryAdminTest {
    @TempDir
    static Path dir;
    private static BrokerLite broker;
    private static TributaryAdmin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBrokers.startForGroups(dir, 3);
        admin = TributaryAdmin.create(Map.of("bootstrap.servers", broker.bootstrapServers(),
            "client.id", "tributary-admin-test"));
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    /** The exception a future failed with. */
    private static TributaryException failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(f::join);
        assertThat(t).isInstanceOf(CompletionException.class);
        assertThat(t.getCause()).isInstanceOf(TributaryException.class);
        return (TributaryException) t.getCause();
    }

    @Test
    void createsListsDescribesGrowsAndDeletesTopics() {
        Map<String, CreateTopicResult> created = admin.createTopics(List.of(
            new NewTopic("orders", 3, (short) 1).withConfigs(Map.of("cleanup.policy", "compact")),
            new NewTopic("defaults"))).join();
        assertThat(created.get("orders").partitions()).isEqualTo(3);
        assertThat(created.get("orders").topicId()).isNotEqualTo(Uuid.ZERO);
        assertThat(created.get("defaults").partitions()).isPositive();

        TributaryException exists = failure(admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))));
        assertThat(exists.error()).isEqualTo(Errors.TOPIC_ALREADY_EXISTS);
        assertThat(exists.getMessage()).contains("orders");
        TributaryException rf = failure(admin.createTopics(List.of(new NewTopic("rf3", 1, (short) 3))));
        assertThat(rf.error()).isEqualTo(Errors.INVALID_REPLICATION_FACTOR);
        assertThat(rf.getMessage()).contains("rf3");

        assertThat(admin.createTopics(List.of(new NewTopic("dry", 2, (short) 1)), true).join()).containsKey("dry");
        assertThat(admin.listTopics().join()).contains("orders", "defaults").doesNotContain("dry", "rf3");

        TopicDescription d = admin.describeTopics(List.of("orders")).join().get("orders");
        assertThat(d.topicId()).isEqualTo(created.get("orders").topicId());
        assertThat(d.internal()).isFalse();
        assertThat(d.partitions()).extracting(PartitionInfo::partition).containsExactly(0, 1, 2);
        assertThat(d.partitions()).allSatisfy(p -> {
            assertThat(p.leader()).isNotNull();
            assertThat(p.replicas()).containsExactly(p.leader());
            assertThat(p.inSyncReplicas()).containsExactly(p.leader());
        });
        TributaryException unknown = failure(admin.describeTopics(List.of("orders", "nope")));
        assertThat(unknown.error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(unknown.getMessage()).contains("nope");

        admin.createPartitions(Map.of("orders", 5)).join();
        assertThat(admin.describeTopics(List.of("orders")).join().get("orders").partitions()).hasSize(5);
        TributaryException shrink = failure(admin.createPartitions(Map.of("orders", 2)));
        assertThat(shrink.error()).isEqualTo(Errors.INVALID_PARTITIONS);
        assertThat(shrink.getMessage()).contains("orders");

        admin.deleteTopics(List.of("orders", "defaults")).join();
        assertThat(admin.listTopics().join()).doesNotContain("orders", "defaults");
        TributaryException gone = failure(admin.deleteTopics(List.of("orders")));
        assertThat(gone.error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(gone.getMessage()).contains("orders");
    }

    @Test
    void describesTheCluster() {
        ClusterDescription c = admin.describeCluster().join();
        assertThat(c.clusterId()).isNotBlank();
        assertThat(c.nodes()).hasSize(1);
        assertThat(c.controller()).isEqualTo(c.nodes().get(0));
        assertThat(c.nodes().get(0).address()).isEqualTo(broker.bootstrapServers());
    }

    @Test
    void listsOffsetsAndDeletesRecords() {
        admin.createTopics(List.of(new NewTopic("offsets-t", 2, (short) 1))).join();
        try (var p = TributaryProducer.create(Map.of("bootstrap.servers", broker.bootstrapServers()),
            Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>("offsets-t", 0, 1_000L + i * 10, "k", "v" + i, List.of()));
            }
            p.flush();
        }
        TopicPartition p0 = new TopicPartition("offsets-t", 0);
        TopicPartition p1 = new TopicPartition("offsets-t", 1);
        Map<TopicPartition, ListOffsetsResultInfo> latest =
            admin.listOffsets(Map.of(p0, OffsetSpec.latest(), p1, OffsetSpec.latest())).join();
        assertThat(latest.get(p0).offset()).isEqualTo(10);
        assertThat(latest.get(p1).offset()).isZero();
        assertThat(admin.listOffsets(Map.of(p0, OffsetSpec.earliest())).join().get(p0).offset()).isZero();
        ListOffsetsResultInfo max = admin.listOffsets(Map.of(p0, OffsetSpec.maxTimestamp())).join().get(p0);
        assertThat(max.offset()).isEqualTo(9);
        assertThat(max.timestamp()).isEqualTo(1_090L);
        ListOffsetsResultInfo at = admin.listOffsets(Map.of(p0, OffsetSpec.forTimestamp(1_045L))).join().get(p0);
        assertThat(at.offset()).isEqualTo(5);
        assertThat(at.timestamp()).isEqualTo(1_050L);
        assertThat(admin.listOffsets(Map.of(p0, OffsetSpec.forTimestamp(5_000L))).join().get(p0).offset())
            .isEqualTo(-1);

        assertThat(admin.deleteRecords(Map.of(p0, 4L)).join()).containsEntry(p0, 4L);
        assertThat(admin.listOffsets(Map.of(p0, OffsetSpec.earliest())).join().get(p0).offset()).isEqualTo(4);
        TributaryException beyond = failure(admin.deleteRecords(Map.of(p0, 50L)));
        assertThat(beyond.error()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
        assertThat(beyond.getMessage()).contains("offsets-t-0");

        TributaryException noTopic = failure(admin.listOffsets(Map.of(new TopicPartition("nope", 0),
            OffsetSpec.latest())));
        assertThat(noTopic.error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(noTopic.getMessage()).contains("nope");
        TributaryException noPartition = failure(admin.listOffsets(Map.of(new TopicPartition("offsets-t", 7),
            OffsetSpec.latest())));
        assertThat(noPartition.error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(noPartition.getMessage()).contains("offsets-t-7");
    }

    @Test
    void describesAndAltersConfigs() {
        admin.createTopics(List.of(new NewTopic("cfg", 1, (short) 1))).join();
        ConfigResource topic = ConfigResource.topic("cfg");
        ConfigEntry retention = entry(topic, "retention.ms");
        assertThat(retention.isDefault()).isTrue();
        assertThat(retention.readOnly()).isFalse();

        admin.incrementalAlterConfigs(Map.of(topic, List.of(AlterConfigOp.set("retention.ms", "123456"),
            new AlterConfigOp("cleanup.policy", "compact", AlterConfigOp.OpType.APPEND)))).join();
        ConfigEntry changed = entry(topic, "retention.ms");
        assertThat(changed.value()).isEqualTo("123456");
        assertThat(changed.source()).isEqualTo(ConfigEntry.Source.TOPIC_CONFIG);
        assertThat(entry(topic, "cleanup.policy").value()).isEqualTo("delete,compact");

        admin.incrementalAlterConfigs(Map.of(topic, List.of(AlterConfigOp.delete("retention.ms")))).join();
        assertThat(entry(topic, "retention.ms")).isEqualTo(retention);

        TributaryException bad = failure(admin.incrementalAlterConfigs(Map.of(topic,
            List.of(AlterConfigOp.set("retention.ms", "soon")))));
        assertThat(bad.error()).isEqualTo(Errors.INVALID_CONFIG);
        assertThat(bad.getMessage()).contains("cfg");

        int brokerId = admin.describeCluster().join().nodes().get(0).id();
        List<ConfigEntry> brokerConfigs = admin.describeConfigs(List.of(ConfigResource.broker(brokerId))).join()
            .get(ConfigResource.broker(brokerId));
        assertThat(brokerConfigs).extracting(ConfigEntry::name).contains("log.dirs");

        TributaryException unknown = failure(admin.describeConfigs(List.of(ConfigResource.topic("nope"))));
        assertThat(unknown.error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(unknown.getMessage()).contains("nope");
    }

    private static ConfigEntry entry(ConfigResource resource, String name) {
        return admin.describeConfigs(List.of(resource)).join().get(resource).stream()
            .filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "group-member");
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-1");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    @Test
    void describesAKafkaConsumerGroupAndManagesItsOffsets() {
        admin.createTopics(List.of(new NewTopic("grp-t", 2, (short) 1))).join();
        TopicPartition p0 = new TopicPartition("grp-t", 0);
        TopicPartition p1 = new TopicPartition("grp-t", 1);
        try (KafkaConsumer<String, String> consumer = consumer("billing")) {
            consumer.subscribe(List.of("grp-t"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.assignment().size() == 2;
            });
            consumer.commitSync(Map.of(
                new org.apache.kafka.common.TopicPartition("grp-t", 0),
                new org.apache.kafka.clients.consumer.OffsetAndMetadata(3, "m0"),
                new org.apache.kafka.common.TopicPartition("grp-t", 1),
                new org.apache.kafka.clients.consumer.OffsetAndMetadata(5)));

            assertThat(admin.listConsumerGroups().join())
                .contains(new ConsumerGroupListing("billing", "Stable", "consumer"));
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("billing")).join().get("billing");
            assertThat(d.state()).isEqualTo("Stable");
            assertThat(d.protocolType()).isEqualTo("consumer");
            assertThat(d.protocol()).isEqualTo("range");
            assertThat(d.coordinator()).isNotNull();
            assertThat(d.members()).singleElement().satisfies(m -> {
                assertThat(m.clientId()).isEqualTo("group-member");
                assertThat(m.groupInstanceId()).isEqualTo("instance-1");
                assertThat(m.memberId()).startsWith("instance-1-");
                assertThat(m.host()).contains("127.0.0.1");
                assertThat(m.assignment().partitions()).containsExactlyInAnyOrder(p0, p1);
                assertThat(m.assignment().version()).isGreaterThanOrEqualTo((short) 0);
            });

            assertThat(admin.listConsumerGroupOffsets("billing").join()).containsExactlyInAnyOrderEntriesOf(Map.of(
                p0, new OffsetAndMetadata(3, -1, "m0"), p1, new OffsetAndMetadata(5, -1, "")));
            assertThat(admin.listConsumerGroupOffsets("billing", List.of(p1)).join()).containsOnlyKeys(p1);

            TributaryException active = failure(admin.alterConsumerGroupOffsets("billing",
                Map.of(p0, new OffsetAndMetadata(0))));
            assertThat(active.error()).isIn(Errors.UNKNOWN_MEMBER_ID, Errors.ILLEGAL_GENERATION);
            assertThat(active.getMessage()).contains("billing");
            TributaryException notEmpty = failure(admin.deleteConsumerGroups(List.of("billing")));
            assertThat(notEmpty.error()).isEqualTo(Errors.NON_EMPTY_GROUP);
            assertThat(notEmpty.getMessage()).contains("billing");
        }
        // a static member does not leave the group on close: wait for its session to time out
        await().atMost(Duration.ofSeconds(60)).until(() ->
            admin.describeConsumerGroups(List.of("billing")).join().get("billing").state().equals("Empty"));

        admin.alterConsumerGroupOffsets("billing", Map.of(p0, new OffsetAndMetadata(1, "reset"))).join();
        assertThat(admin.listConsumerGroupOffsets("billing").join().get(p0)).isEqualTo(new OffsetAndMetadata(1, "reset"));
        admin.deleteConsumerGroupOffsets("billing", Set.of(p1)).join();
        assertThat(admin.listConsumerGroupOffsets("billing").join()).containsOnlyKeys(p0);

        admin.deleteConsumerGroups(List.of("billing")).join();
        TributaryException describeGone = failure(admin.describeConsumerGroups(List.of("billing")));
        assertThat(describeGone.error()).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
        assertThat(describeGone.getMessage()).contains("billing");
        TributaryException deleteGone = failure(admin.deleteConsumerGroups(List.of("billing")));
        assertThat(deleteGone.error()).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
        TributaryException offsetsGone = failure(admin.deleteConsumerGroupOffsets("billing", Set.of(p0)));
        assertThat(offsetsGone.error()).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
        assertThat(admin.listConsumerGroupOffsets("billing").join()).isEmpty();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void retriesNetworkErrorsUntilTheBrokerComesUp() throws Exception {
        int port = freePort();
        try (TributaryAdmin late = TributaryAdmin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port,
            "retry.backoff.ms", "50", "reconnect.backoff.max.ms", "200"))) {
            CompletableFuture<Set<String>> topics = late.listTopics();
            CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> offsets = late.listConsumerGroupOffsets("g");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !topics.isDone() && !offsets.isDone());
            try (BrokerLite b = TestBrokers.start(dir.resolve("late"), "listeners", "PLAINTEXT://127.0.0.1:" + port)) {
                assertThat(topics.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
                assertThat(offsets.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
            }
        }
    }

    @Test
    void failsWithATimeoutNamingTheOperationWhenNoBrokerAnswers() throws Exception {
        int port = freePort();
        try (TributaryAdmin lost = TributaryAdmin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port,
            "default.api.timeout.ms", "1500", "request.timeout.ms", "500", "retry.backoff.ms", "50"))) {
            long start = System.currentTimeMillis();
            TributaryException e = failure(lost.describeConsumerGroups(List.of("g1")));
            assertThat(e).isInstanceOf(TimeoutException.class);
            assertThat(e.getMessage()).contains("describe consumer group g1").contains("default.api.timeout.ms");
            assertThat(System.currentTimeMillis() - start).isBetween(1_400L, 10_000L);
        }
    }
}
