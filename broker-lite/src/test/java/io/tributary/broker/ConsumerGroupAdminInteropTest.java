package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka-clients 4.4 Admin against broker-lite's groups: list, describe, offsets, delete. */
class ConsumerGroupAdminInteropTest {
    @TempDir
    Path dir;
    private BrokerLite broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = TestBrokers.startForGroups(dir, 3);
        admin = TestBrokers.admin(broker);
        admin.createTopics(List.of(new NewTopic("adm", 2, (short) 1))).all().get();
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "admins");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "admin-test");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    @Test
    void groupsCanBeListedDescribedAndDeleted() throws Exception {
        TopicPartition p0 = new TopicPartition("adm", 0);
        TopicPartition p1 = new TopicPartition("adm", 1);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("adm"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.assignment().size() == 2;
            });
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(0), p1, new OffsetAndMetadata(0)));

            assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId).contains("admins");
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("admins")).all().get().get("admins");
            assertThat(d.groupState()).isEqualTo(GroupState.STABLE);
            assertThat(d.partitionAssignor()).isEqualTo("range");
            assertThat(d.members()).singleElement().satisfies(m -> {
                assertThat(m.clientId()).isEqualTo("admin-test");
                assertThat(m.consumerId()).startsWith("admin-test-");
                assertThat(m.assignment().topicPartitions()).containsExactlyInAnyOrder(p0, p1);
            });
            assertThat(admin.listConsumerGroupOffsets("admins").partitionsToOffsetAndMetadata().get())
                .containsOnlyKeys(p0, p1);
            assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of("admins")).all().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(GroupNotEmptyException.class);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.describeConsumerGroups(List.of("admins")).all()
            .get().get("admins").groupState() == GroupState.EMPTY);

        // an admin reset commits with generation -1, allowed now that the group is empty
        admin.alterConsumerGroupOffsets("admins", Map.of(p0, new OffsetAndMetadata(0, "reset"),
            p1, new OffsetAndMetadata(0))).all().get();
        assertThat(admin.listConsumerGroupOffsets("admins").partitionsToOffsetAndMetadata().get().get(p0).metadata())
            .isEqualTo("reset");
        admin.deleteConsumerGroupOffsets("admins", Set.of(p0)).all().get();
        assertThat(admin.listConsumerGroupOffsets("admins").partitionsToOffsetAndMetadata().get())
            .containsOnlyKeys(p1);

        admin.deleteConsumerGroups(List.of("admins")).all().get();
        assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId).doesNotContain("admins");
        assertThat(admin.listConsumerGroupOffsets("admins").partitionsToOffsetAndMetadata().get()).isEmpty();
    }

    @Test
    void deletingATopicDeletesItsCommittedOffsets() throws Exception {
        admin.createTopics(List.of(new NewTopic("doomed", 1, (short) 1))).all().get();
        TopicPartition doomed = new TopicPartition("doomed", 0);
        TopicPartition kept = new TopicPartition("adm", 1);
        admin.alterConsumerGroupOffsets("keepers", Map.of(doomed, new OffsetAndMetadata(3), kept,
            new OffsetAndMetadata(4))).all().get();
        admin.deleteTopics(List.of("doomed")).all().get();
        assertThat(admin.listConsumerGroupOffsets("keepers").partitionsToOffsetAndMetadata().get())
            .containsOnlyKeys(kept);

        admin.close();
        broker.close();
        broker = TestBrokers.start(dir);
        admin = TestBrokers.admin(broker);
        assertThat(admin.listConsumerGroupOffsets("keepers").partitionsToOffsetAndMetadata().get())
            .containsExactly(Map.entry(kept, new OffsetAndMetadata(4)));
    }

    @Test
    void theOffsetsTopicIsListedAsInternal() throws Exception {
        admin.alterConsumerGroupOffsets("simple", Map.of(new TopicPartition("adm", 0), new OffsetAndMetadata(1)))
            .all().get();
        assertThat(admin.listTopics().names().get()).contains("adm").doesNotContain("__consumer_offsets");
        assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get())
            .contains("adm", "__consumer_offsets");
        assertThat(admin.describeTopics(List.of("__consumer_offsets")).allTopicNames().get()
            .get("__consumer_offsets").isInternal()).isTrue();
    }
}
