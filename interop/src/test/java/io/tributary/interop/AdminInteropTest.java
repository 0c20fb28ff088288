package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.admin.AlterConfigOp;
import io.tributary.clients.admin.ConfigEntry;
import io.tributary.clients.admin.ConfigResource;
import io.tributary.clients.admin.ConsumerGroupDescription;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.OffsetSpec;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tributary's Admin client against both clusters: the same calls, the same answers, the same errors. */
@Tag("interop")
class AdminInteropTest {
    private static Errors errorOf(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof TributaryException te ? te.error() : null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void topicsConfigsOffsetsAndRecords(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("admin");
        try (var admin = TributaryAdmin.create(cluster.clientConfig())) {
            assertThat(admin.describeCluster().get(30, TimeUnit.SECONDS).nodes()).hasSize(1);
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1, Map.of("retention.ms", "3600000"))))
                .get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1, Map.of()))).join())
                .satisfies(e -> assertThat(errorOf(e)).isEqualTo(Errors.TOPIC_ALREADY_EXISTS));
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic(topic + "-rf", 1, (short) 3, Map.of())))
                .join()).satisfies(e -> assertThat(errorOf(e)).isEqualTo(Errors.INVALID_REPLICATION_FACTOR));
            assertThat(admin.listTopics().get(30, TimeUnit.SECONDS)).contains(topic);

            TopicDescription d = admin.describeTopics(List.of(topic)).get(30, TimeUnit.SECONDS).get(topic);
            assertThat(d.partitions()).hasSize(2);
            assertThat(d.topicId()).isNotNull();
            assertThat(d.partitions().get(0).leader()).isNotNull();

            admin.createPartitions(Map.of(topic, 3)).get(30, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                admin.describeTopics(List.of(topic)).get(30, TimeUnit.SECONDS).get(topic).partitions().size() == 3);

            ConfigResource res = ConfigResource.topic(topic);
            List<ConfigEntry> entries = admin.describeConfigs(List.of(res)).get(30, TimeUnit.SECONDS).get(res);
            ConfigEntry retention = entries.stream().filter(e -> e.name().equals("retention.ms")).findFirst()
                .orElseThrow();
            assertThat(retention.value()).isEqualTo("3600000");
            assertThat(retention.source()).isEqualTo(ConfigEntry.Source.TOPIC_CONFIG);
            admin.incrementalAlterConfigs(Map.of(res, List.of(AlterConfigOp.set("cleanup.policy", "compact,delete"),
                AlterConfigOp.delete("retention.ms")))).get(30, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ConfigEntry> now = admin.describeConfigs(List.of(res)).get(30, TimeUnit.SECONDS).get(res);
                assertThat(now).anySatisfy(e -> {
                    assertThat(e.name()).isEqualTo("cleanup.policy");
                    assertThat(e.value()).isEqualTo("compact,delete");
                });
                assertThat(now).anySatisfy(e -> {
                    assertThat(e.name()).isEqualTo("retention.ms");
                    assertThat(e.source()).isNotEqualTo(ConfigEntry.Source.TOPIC_CONFIG);
                });
            });

            TopicPartition p0 = new TopicPartition(topic, 0);
            try (var producer = TributaryProducer.create(cluster.clientConfig(), Serdes.STRING_SERIALIZER,
                Serdes.STRING_SERIALIZER)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            var offsets = admin.listOffsets(Map.of(p0, OffsetSpec.latest())).get(30, TimeUnit.SECONDS);
            assertThat(offsets.get(p0).offset()).isEqualTo(10);
            assertThat(admin.deleteRecords(Map.of(p0, 4L)).get(30, TimeUnit.SECONDS)).containsEntry(p0, 4L);
            assertThat(admin.listOffsets(Map.of(p0, OffsetSpec.earliest())).get(30, TimeUnit.SECONDS).get(p0).offset())
                .isEqualTo(4);

            // as Kafka: no keyless records on a compacted topic; no DeleteRecords without the delete policy
            try (var producer = TributaryProducer.create(cluster.clientConfig(), Serdes.STRING_SERIALIZER,
                Serdes.STRING_SERIALIZER)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, 0, null, "no key")).join())
                    .satisfies(e -> assertThat(errorOf(e)).isEqualTo(Errors.INVALID_RECORD));
            }
            admin.incrementalAlterConfigs(Map.of(res, List.of(AlterConfigOp.set("cleanup.policy", "compact"))))
                .get(30, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> admin.deleteRecords(Map.of(p0, 5L)).join())
                    .satisfies(e -> assertThat(errorOf(e)).isEqualTo(Errors.POLICY_VIOLATION)));

            admin.deleteTopics(List.of(topic)).get(30, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                !admin.listTopics().get(30, TimeUnit.SECONDS).contains(topic));
            assertThatThrownBy(() -> admin.describeTopics(List.of(topic)).join())
                .satisfies(e -> assertThat(errorOf(e)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void consumerGroupsAndTheirOffsets(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("admin-groups");
        String group = Clusters.uniqueName("admin-group");
        try (var admin = TributaryAdmin.create(cluster.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1, Map.of()))).get(30, TimeUnit.SECONDS);
            Map<String, Object> config = cluster.clientConfig();
            config.put("group.id", group);
            config.put("auto.offset.reset", "earliest");
            try (var consumer = TributaryConsumer.create(config, Serdes.STRING_DESERIALIZER,
                Serdes.STRING_DESERIALIZER)) {
                consumer.subscribe(List.of(topic));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(100));
                    return consumer.assignment().size() == 2;
                });
                consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0, "hello")));
                assertThat(admin.listConsumerGroups().get(30, TimeUnit.SECONDS))
                    .anySatisfy(l -> assertThat(l.groupId()).isEqualTo(group));
                ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).get(30, TimeUnit.SECONDS)
                    .get(group);
                assertThat(g.state()).isEqualToIgnoringCase("Stable");
                assertThat(g.members()).hasSize(1);
                assertThat(g.members().get(0).assignment().partitions()).containsExactlyInAnyOrder(
                    new TopicPartition(topic, 0), new TopicPartition(topic, 1));
                assertThat(admin.listConsumerGroupOffsets(group).get(30, TimeUnit.SECONDS))
                    .containsEntry(new TopicPartition(topic, 0), new OffsetAndMetadata(0, "hello"));
                assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of(group)).join())
                    .satisfies(e -> assertThat(errorOf(e)).isEqualTo(Errors.NON_EMPTY_GROUP));
            }
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 1), new OffsetAndMetadata(0)))
                .get(30, TimeUnit.SECONDS);
            assertThat(admin.listConsumerGroupOffsets(group).get(30, TimeUnit.SECONDS).keySet())
                .contains(new TopicPartition(topic, 1));
            admin.deleteConsumerGroupOffsets(group, Set.of(new TopicPartition(topic, 1))).get(30, TimeUnit.SECONDS);
            assertThat(admin.listConsumerGroupOffsets(group).get(30, TimeUnit.SECONDS).keySet())
                .doesNotContain(new TopicPartition(topic, 1));
            admin.deleteConsumerGroups(List.of(group)).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> admin.describeConsumerGroups(List.of(group)).join()
                .get(group).state()).satisfies(e -> assertThat(errorOf(e)).isEqualTo(Errors.GROUP_ID_NOT_FOUND));
        }
    }
}
