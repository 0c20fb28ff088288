package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kafka-clients 4.4 Admin against broker-lite: topics created, listed, described, altered and deleted. */
class AdminInteropTest {
    @TempDir
    Path dir;
    private BrokerLite broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = TestBrokers.start(dir);
        admin = TestBrokers.admin(broker);
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void topicLifecycle() throws Exception {
        admin.createTopics(List.of(new NewTopic("events", 3, (short) 1)
            .configs(Map.of("retention.ms", "3600000", "cleanup.policy", "delete")))).all().get();
        assertThat(admin.listTopics().names().get()).containsExactly("events");
        assertThat(admin.describeCluster().clusterId().get()).isEqualTo(broker.context().clusterId());
        assertThat(admin.describeCluster().nodes().get()).hasSize(1);

        TopicDescription d = admin.describeTopics(List.of("events")).allTopicNames().get().get("events");
        assertThat(d.partitions()).hasSize(3);
        assertThat(d.partitions().get(0).leader().id()).isEqualTo(1);
        assertThat(d.topicId().toString()).isEqualTo(broker.context().topics().get("events").orElseThrow().id().toString());

        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, "events");
        Config config = admin.describeConfigs(List.of(res)).all().get().get(res);
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("segment.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);

        admin.incrementalAlterConfigs(Map.of(res, List.of(
            new AlterConfigOp(new ConfigEntry("retention.ms", "60000"), AlterConfigOp.OpType.SET),
            new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND)))).all().get();
        config = admin.describeConfigs(List.of(res)).all().get().get(res);
        assertThat(config.get("retention.ms").value()).isEqualTo("60000");
        assertThat(config.get("cleanup.policy").value()).isEqualTo("delete,compact");
        // the live log follows the change
        broker.context().partition("events", 0).orElseThrow();
        assertThat(broker.context().logs().get(new TopicPartition("events", 0)).orElseThrow().config().retentionMs)
            .isEqualTo(60000L);

        admin.createPartitions(Map.of("events", NewPartitions.increaseTo(5))).all().get();
        assertThat(admin.describeTopics(List.of("events")).allTopicNames().get().get("events").partitions()).hasSize(5);

        admin.deleteTopics(List.of("events")).all().get();
        assertThat(admin.listTopics().names().get()).isEmpty();
        assertThat(dir.resolve("events-0")).doesNotExist();

        // by topic id (DeleteTopics v6)
        org.apache.kafka.common.Uuid id = admin.createTopics(List.of(new NewTopic("by-id", 1, (short) 1)))
            .topicId("by-id").get();
        admin.deleteTopics(org.apache.kafka.common.TopicCollection.ofTopicIds(List.of(id))).all().get();
        assertThat(admin.listTopics().names().get()).isEmpty();
    }

    @Test
    void errorsAreKafkasErrors() throws Exception {
        admin.createTopics(List.of(new NewTopic("once", 1, (short) 1))).all().get();
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("once", 1, (short) 1))).all().get())
            .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicExistsException.class);
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get())
            .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidReplicationFactorException.class)
            .hasMessageContaining("single");
    }

    @Test
    void deleteRecordsMovesTheLowWatermark() throws Exception {
        admin.createTopics(List.of(new NewTopic("purge", 1, (short) 1))).all().get();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("purge", "k", "v" + i));
            }
        }
        org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition("purge", 0);
        long low = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(40))).lowWatermarks().get(tp).get()
            .lowWatermark();
        assertThat(low).isEqualTo(40);
        assertThat(broker.context().partition("purge", 0).orElseThrow().logStartOffset()).isEqualTo(40);
    }
}
