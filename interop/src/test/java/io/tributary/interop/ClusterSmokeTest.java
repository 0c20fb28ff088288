package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both fixtures work: the real kafka-clients create a topic, produce keyed records and read them back in a group. */
@Tag("interop")
class ClusterSmokeTest {
    private static final int RECORDS = 100;
    private static final int PARTITIONS = 3;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void keyedRecordsRoundTripThroughAGroup(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("smoke");
        String group = Clusters.uniqueName("smoke-group");
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topic);
            assertThat(described.partitions()).hasSize(PARTITIONS);
        }

        Map<String, Integer> partitionOfKey = new HashMap<>();
        Map<String, Object> producerConfig = cluster.clientConfig();
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 10), "value-" + i)));
            }
            for (int i = 0; i < RECORDS; i++) {
                RecordMetadata metadata = sent.get(i).get(30, TimeUnit.SECONDS);
                Integer earlier = partitionOfKey.putIfAbsent("key-" + (i % 10), metadata.partition());
                assertThat(earlier).as("partition of key-%d", i % 10).isIn(null, metadata.partition());
            }
        }

        Map<String, Object> consumerConfig = cluster.clientConfig();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                 new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            consumer.commitSync(Duration.ofSeconds(30));
        }

        assertThat(received).hasSize(RECORDS);
        assertThat(received).extracting(ConsumerRecord::value)
            .containsExactlyInAnyOrderElementsOf(values());
        for (ConsumerRecord<String, String> r : received) {
            assertThat(r.partition()).as("partition of %s", r.key()).isEqualTo(partitionOfKey.get(r.key()));
        }
        // per key, the order sent is the order read
        Map<String, Integer> lastValueOfKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : received) {
            int value = Integer.parseInt(r.value().substring("value-".length()));
            Integer before = lastValueOfKey.put(r.key(), value);
            assertThat(before == null || before < value).as("order of %s", r.key()).isTrue();
        }

        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(RECORDS);
        }
    }

    private static List<String> values() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            values.add("value-" + i);
        }
        return values;
    }
}
