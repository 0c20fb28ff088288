package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kafka-clients 4.4 producer (defaults: idempotence on, acks=all), consumer (assign mode) and Admin against
 * broker-lite: the thinnest end-to-end path.
 */
class KafkaClientsInteropTest {
    @TempDir
    Path dir;
    private BrokerLite broker;

    private BrokerLite startBroker() throws IOException {
        return TestBrokers.start(dir, "num.partitions", "1");
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private Admin admin() {
        return TestBrokers.admin(broker);
    }

    private KafkaProducer<String, String> producer(String compression) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    /** Produces {@code count} keyed records with a header each; returns the values expected per partition, in order. */
    private Map<Integer, List<String>> produce(String topic, int count, String compression) throws Exception {
        Map<Integer, List<String>> expected = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer(compression)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String value = "value-" + i;
                ProducerRecord<String, String> r = new ProducerRecord<>(topic, null, 1_700_000_000_000L + i,
                    "key-" + (i % 1000), value);
                r.headers().add("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(r));
                values.add(value);
            }
            producer.flush();
            for (int i = 0; i < count; i++) {
                RecordMetadata md = sent.get(i).get();
                expected.computeIfAbsent(md.partition(), k -> new ArrayList<>()).add(values.get(i));
            }
        }
        return expected;
    }

    private Map<Integer, List<ConsumerRecord<String, String>>> consumeAll(String topic, int partitions, int count) {
        Map<Integer, List<ConsumerRecord<String, String>>> got = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            int n = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (n < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    got.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(r);
                    n++;
                }
            }
        }
        return got;
    }

    private static void assertSame(Map<Integer, List<String>> expected, Map<Integer, List<ConsumerRecord<String, String>>> got) {
        assertThat(got.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<Integer, List<String>> e : expected.entrySet()) {
            List<ConsumerRecord<String, String>> records = got.get(e.getKey());
            assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(e.getValue());
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, String> r = records.get(i);
                assertThat(r.offset()).isEqualTo(i);
                int seq = Integer.parseInt(r.value().substring("value-".length()));
                assertThat(r.key()).isEqualTo("key-" + (seq % 1000));
                assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L + seq);
                assertThat(new String(r.headers().lastHeader("seq").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Integer.toString(seq));
            }
        }
    }

    @Test
    void producerToConsumerRoundTripSurvivesARestart() throws Exception {
        broker = startBroker();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 4, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains("orders");
        }
        Map<Integer, List<String>> expected = produce("orders", 100_000, "none");
        assertThat(expected).hasSize(4);
        assertSame(expected, consumeAll("orders", 4, 100_000));

        broker.close();
        broker = startBroker();
        assertSame(expected, consumeAll("orders", 4, 100_000));
    }

    @Test
    void everyCompressionCodecRoundTrips() throws Exception {
        broker = startBroker();
        for (String codec : List.of("gzip", "snappy", "lz4", "zstd")) {
            try (Admin admin = admin()) {
                admin.createTopics(List.of(new NewTopic("codec-" + codec, 4, (short) 1))).all().get();
            }
            Map<Integer, List<String>> expected = produce("codec-" + codec, 100_000, codec);
            assertSame(expected, consumeAll("codec-" + codec, 4, 100_000));
        }
    }

    @Test
    void seekToEndAndOffsetsForTimes() throws Exception {
        broker = startBroker();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("times", 1, (short) 1))).all().get();
        }
        produce("times", 1_000, "none");
        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition tp = new TopicPartition("times", 0);
            consumer.assign(Set.of(tp));
            consumer.seekToEnd(Set.of(tp));
            assertThat(consumer.position(tp)).isEqualTo(1_000);
            consumer.seekToBeginning(Set.of(tp));
            assertThat(consumer.position(tp)).isZero();
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(tp, 1_700_000_000_500L));
            assertThat(found.get(tp).offset()).isEqualTo(500);
            assertThat(found.get(tp).timestamp()).isEqualTo(1_700_000_000_500L);
            assertThat(consumer.offsetsForTimes(Map.of(tp, 1_800_000_000_000L)).get(tp)).isNull();
        }
    }

    @Test
    void unknownTopicsAreAutoCreatedAndLogAppendTimeTopicsStampBrokerTime() throws Exception {
        broker = startBroker();
        long before = System.currentTimeMillis();
        Map<Integer, List<String>> expected = produce("auto-created", 10, "none");
        assertThat(expected.keySet()).containsExactly(0);
        assertThat(broker.context().topics().get("auto-created")).isPresent();

        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("stamped", 1, (short) 1)
                .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
        }
        produce("stamped", 10, "lz4");
        List<ConsumerRecord<String, String>> got = consumeAll("stamped", 1, 10).get(0);
        assertThat(got).hasSize(10).allSatisfy(r -> {
            assertThat(r.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
            assertThat(r.timestamp()).isBetween(before, System.currentTimeMillis());
        });
    }
}
