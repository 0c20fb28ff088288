package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.OffsetAndTimestamp;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.common.TopicPartition;
import io.tributary.record.Header;
import io.tributary.record.TimestampType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real KafkaProducer writes, our consumer reads: every field of every record (compared with what was sent and
 * with what the real KafkaConsumer reads), for every codec and both timestamp types; and the offset API.
 */
@Tag("interop")
class KafkaProducerToOurConsumerTest {
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 300;

    /** What one record looked like, comparable between the real consumer and ours. */
    private record Seen(int partition, long offset, long timestamp, String timestampType, String key, String value,
                        List<String> headers) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void everyCodecAndTimestampTypeArrivesIdentical(TestCluster cluster) throws Exception {
        for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
            check(cluster, codec, false);
        }
        check(cluster, "lz4", true);
    }

    private void check(TestCluster cluster, String codec, boolean logAppendTime) throws Exception {
        String topic = Clusters.uniqueName("kp-" + codec + (logAppendTime ? "-lat" : ""));
        ConsumerFixtures.createTopic(cluster, topic, PARTITIONS,
            logAppendTime ? Map.of("message.timestamp.type", "LogAppendTime") : Map.of());
        Map<String, Object> pc = cluster.clientConfig();
        pc.put("compression.type", codec);
        pc.put("linger.ms", "20");
        long base = System.currentTimeMillis() - 60_000;
        List<Seen> sent = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(pc, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String key = i % 7 == 0 ? null : "key-" + i;
                String value = i % 11 == 0 ? null : "value-" + i + "-" + "x".repeat(i % 40);
                RecordHeaders headers = new RecordHeaders();
                List<String> hs = new ArrayList<>();
                for (int h = 0; h < i % 3; h++) {
                    byte[] hv = h == 1 ? null : ("hv" + i + "." + h).getBytes(StandardCharsets.UTF_8);
                    headers.add("h" + h, hv);
                    hs.add("h" + h + "=" + (hv == null ? "null" : new String(hv, StandardCharsets.UTF_8)));
                }
                if (i % 5 == 0) {
                    headers.add("dup", "a".getBytes(StandardCharsets.UTF_8));
                    headers.add("dup", "b".getBytes(StandardCharsets.UTF_8));
                    hs.add("dup=a");
                    hs.add("dup=b");
                }
                int partition = i % PARTITIONS;
                long ts = base + i;
                acks.add(producer.send(new ProducerRecord<>(topic, partition, ts, key, value, headers)));
                sent.add(new Seen(partition, -1, ts, logAppendTime ? "LogAppendTime" : "CreateTime", key, value,
                    hs));
            }
            producer.flush();
        }
        for (int i = 0; i < RECORDS; i++) {
            RecordMetadata md = acks.get(i).get();
            Seen s = sent.get(i);
            sent.set(i, new Seen(s.partition(), md.offset(), s.timestamp(), s.timestampType(), s.key(), s.value(),
                s.headers()));
        }

        List<Seen> theirs = readWithKafka(cluster, topic);
        List<Seen> ours = readWithOurs(cluster, topic);
        assertThat(ours).as("%s on %s: ours vs the real consumer", codec, cluster.name()).isEqualTo(theirs);
        List<Seen> expected = sortByPartition(sent);
        if (logAppendTime) {
            // the broker's clock: not the producer's, and the same for every record of a batch
            for (int i = 0; i < ours.size(); i++) {
                Seen o = ours.get(i);
                assertThat(o.timestamp()).isGreaterThan(base + RECORDS);
                Seen e = expected.get(i);
                expected.set(i, new Seen(e.partition(), e.offset(), o.timestamp(), e.timestampType(), e.key(),
                    e.value(), e.headers()));
            }
        }
        assertThat(ours).as("%s on %s: ours vs what was sent", codec, cluster.name()).isEqualTo(expected);
    }

    private static List<Seen> sortByPartition(List<Seen> records) {
        List<Seen> out = new ArrayList<>(records);
        out.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
            : Long.compare(a.offset(), b.offset()));
        return out;
    }

    /** Every record of the topic in partition order then offset order, as read (each partition in read order). */
    private static List<Seen> readWithOurs(TestCluster cluster, String topic) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        Map<Integer, List<Seen>> byPartition = new HashMap<>();
        try (TributaryConsumer<String, String> c = ConsumerFixtures.ours(cluster, null, Map.of())) {
            c.assign(tps);
            c.seekToBeginning(tps);
            int n = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (n < RECORDS && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                    List<String> hs = new ArrayList<>();
                    for (Header h : r.headers()) {
                        hs.add(h.key() + "=" + (h.value() == null ? "null"
                            : new String(h.value(), StandardCharsets.UTF_8)));
                    }
                    byPartition.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(new Seen(r.partition(),
                        r.offset(), r.timestamp(), r.timestampType() == TimestampType.LOG_APPEND_TIME
                            ? "LogAppendTime" : "CreateTime", r.key(), r.value(), hs));
                    n++;
                }
            }
        }
        return flatten(byPartition);
    }

    private static List<Seen> readWithKafka(TestCluster cluster, String topic) {
        List<org.apache.kafka.common.TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            tps.add(new org.apache.kafka.common.TopicPartition(topic, p));
        }
        Map<Integer, List<Seen>> byPartition = new HashMap<>();
        try (KafkaConsumer<String, String> c = ConsumerFixtures.kafka(cluster, null, Map.of())) {
            c.assign(tps);
            c.seekToBeginning(tps);
            int n = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (n < RECORDS && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(100));
                for (org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r : records) {
                    List<String> hs = new ArrayList<>();
                    r.headers().forEach(h -> hs.add(h.key() + "=" + (h.value() == null ? "null"
                        : new String(h.value(), StandardCharsets.UTF_8))));
                    byPartition.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(new Seen(r.partition(),
                        r.offset(), r.timestamp(), r.timestampType().name, r.key(), r.value(), hs));
                    n++;
                }
            }
        }
        return flatten(byPartition);
    }

    private static List<Seen> flatten(Map<Integer, List<Seen>> byPartition) {
        List<Seen> out = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            out.addAll(byPartition.getOrDefault(p, List.of()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void assignSeekPositionsAndOffsetLookups(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("kp-seek");
        ConsumerFixtures.createTopic(cluster, topic, 2);
        long base = System.currentTimeMillis() - 100_000;
        Map<String, Object> pc = cluster.clientConfig();
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(pc, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 50; i++) { // partition 0 only; timestamps base, base + 1000, ...
                producer.send(new ProducerRecord<>(topic, 0, base + i * 1000L, "k", "v" + i));
            }
            producer.flush();
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (TributaryConsumer<String, String> c = ConsumerFixtures.ours(cluster, null, Map.of())) {
            assertThat(c.beginningOffsets(List.of(p0, p1))).isEqualTo(Map.of(p0, 0L, p1, 0L));
            assertThat(c.endOffsets(List.of(p0, p1))).isEqualTo(Map.of(p0, 50L, p1, 0L));
            Map<TopicPartition, OffsetAndTimestamp> times = c.offsetsForTimes(Map.of(p0, base + 10_500, p1, base));
            assertThat(times.get(p0)).isEqualTo(new OffsetAndTimestamp(11, base + 11_000));
            assertThat(times.get(p1)).isNull();
            assertThat(c.offsetsForTimes(Map.of(p0, base + 1_000_000)).get(p0)).isNull();

            c.assign(List.of(p0));
            c.seek(p0, 20);
            assertThat(c.position(p0)).isEqualTo(20);
            List<ConsumerRecord<String, String>> got = ConsumerFixtures.pollUntil(c, 30);
            assertThat(got).extracting(ConsumerRecord::offset).containsExactlyElementsOf(range(20, 50));
            assertThat(got.get(0).value()).isEqualTo("v20");
            assertThat(c.position(p0)).isEqualTo(50);

            c.seekToBeginning(List.of(p0));
            assertThat(c.position(p0)).isEqualTo(0);
            got = ConsumerFixtures.pollUntil(c, 50);
            assertThat(got).extracting(ConsumerRecord::offset).containsExactlyElementsOf(range(0, 50));

            c.seekToEnd(List.of(p0));
            assertThat(c.position(p0)).isEqualTo(50);
            assertThat(c.poll(Duration.ofMillis(200))).isEmpty();
        }
    }

    static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }
}
