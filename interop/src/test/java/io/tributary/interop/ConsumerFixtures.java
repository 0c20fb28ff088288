package io.tributary.interop;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.serialization.Serdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Shared set-up of the consumer interop tests: topics, the real producer, our consumer and the real one. */
final class ConsumerFixtures {
    private ConsumerFixtures() {
    }

    static void createTopic(TestCluster cluster, String topic, int partitions, Map<String, String> configs)
        throws Exception {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                .all().get(30, TimeUnit.SECONDS);
        }
    }

    static void createTopic(TestCluster cluster, String topic, int partitions) throws Exception {
        createTopic(cluster, topic, partitions, Map.of());
    }

    /** Sends {@code count} records keyed {@code k<i % 16>} with values {@code v<i>} through the real producer. */
    static void produce(TestCluster cluster, String topic, int from, int count) throws Exception {
        Map<String, Object> config = cluster.clientConfig();
        config.put("acks", "all");
        config.put("linger.ms", "5");
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + (i % 16), "v" + i));
            }
            producer.flush();
        }
    }

    /** Our consumer with string deserializers and small group timings. */
    static TributaryConsumer<String, String> ours(TestCluster cluster, String group, Map<String, Object> extra) {
        return TributaryConsumer.create(config(cluster, group, extra), Serdes.STRING_DESERIALIZER,
            Serdes.STRING_DESERIALIZER);
    }

    /** The real KafkaConsumer with the same settings. */
    static KafkaConsumer<String, String> kafka(TestCluster cluster, String group, Map<String, Object> extra) {
        return new KafkaConsumer<>(config(cluster, group, extra), new StringDeserializer(), new StringDeserializer());
    }

    static Map<String, Object> config(TestCluster cluster, String group, Map<String, Object> extra) {
        Map<String, Object> config = cluster.clientConfig();
        if (group != null) {
            config.put("group.id", group);
        }
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        config.put("session.timeout.ms", "6000"); // Kafka's group.min.session.timeout.ms
        config.put("heartbeat.interval.ms", "200");
        config.put("max.poll.interval.ms", "10000");
        config.put("fetch.max.wait.ms", "100");
        config.putAll(extra);
        return config;
    }

    /** Polls {@code consumer} until {@code n} records arrived or 20 s passed. */
    static List<ConsumerRecord<String, String>> pollUntil(TributaryConsumer<String, String> consumer, int n) {
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (got.size() < n && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(got::add);
        }
        return got;
    }
}
