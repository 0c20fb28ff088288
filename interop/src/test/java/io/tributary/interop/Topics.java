package io.tributary.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/** Test helpers: create a topic with the real Admin client, read a topic back with the real KafkaConsumer. */
final class Topics {
    private Topics() {
    }

    /**
     * Creates {@code topic} with {@code partitions} partitions on {@code bootstrapServers} and waits until every
     * partition's leader serves it. Kafka answers CreateTopics once the controller committed the topic; the broker
     * may still be creating the logs, and its metadata may already name it leader meanwhile: a produce then gets
     * NOT_LEADER_OR_FOLLOWER, which with acks=0 silently drops the request (the broker closes the connection).
     * ListOffsets goes to the leader's log, so its success means the partition takes records.
     */
    static void create(String bootstrapServers, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Awaitility.await("partitions of " + topic + " served by their leader").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).size() == partitions);
        }
    }

    /**
     * Every record of {@code topic} from the start of each of its {@code partitions}, read by an assigned (group-less)
     * KafkaConsumer until {@code expected} records arrived or 30 s passed; then polls once more briefly so that
     * records beyond {@code expected} would show up too.
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, int partitions,
                                                        int expected) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
            Map.of("bootstrap.servers", bootstrapServers, "max.poll.records", 10_000),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            consumer.poll(Duration.ofMillis(50)).forEach(out::add);
        }
        return out;
    }
}
