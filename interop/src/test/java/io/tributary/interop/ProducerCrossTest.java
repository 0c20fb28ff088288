package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.record.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tributary's producer writes, the real KafkaConsumer reads: keys, values, headers, timestamps, partitions and
 * offsets are what the producer's {@link RecordMetadata} said, for every codec, acks setting and idempotence.
 */
@Tag("interop")
class ProducerCrossTest {
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 300;
    private static final long EXPLICIT_TS = 1_700_000_000_000L;

    /** One producer configuration under test. */
    record Scenario(String name, Map<String, Object> settings) {
        @Override
        public String toString() {
            return name;
        }

        boolean acksZero() {
            return "0".equals(settings.get("acks"));
        }
    }

    static Stream<Arguments> clustersAndScenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
            scenarios.add(new Scenario(codec + ", acks=all, idempotent",
                Map.of("compression.type", codec, "acks", "all", "enable.idempotence", true)));
        }
        scenarios.add(new Scenario("lz4, acks=0", Map.of("compression.type", "lz4", "acks", "0",
            "enable.idempotence", false)));
        scenarios.add(new Scenario("none, acks=0", Map.of("acks", "0", "enable.idempotence", false)));
        scenarios.add(new Scenario("none, acks=1", Map.of("acks", "1", "enable.idempotence", false)));
        scenarios.add(new Scenario("zstd, acks=1", Map.of("compression.type", "zstd", "acks", "1",
            "enable.idempotence", false)));
        scenarios.add(new Scenario("none, acks=all, not idempotent", Map.of("acks", "all",
            "enable.idempotence", false)));
        return Clusters.both().flatMap(c -> scenarios.stream().map(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("clustersAndScenarios")
    void kafkaConsumerReadsWhatTheProducerReported(TestCluster cluster, Scenario scenario) throws Exception {
        String topic = Clusters.uniqueName("cross");
        Topics.create(cluster.bootstrapServers(), topic, PARTITIONS);
        Map<String, Object> config = cluster.clientConfig();
        config.putAll(scenario.settings());
        config.put("linger.ms", 2);
        config.put("batch.size", 4096); // several batches per partition

        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        long before;
        long after;
        try (TributaryProducer<String, String> producer =
                 TributaryProducer.create(config, Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            before = System.currentTimeMillis();
            for (int i = 0; i < RECORDS; i++) {
                ProducerRecord<String, String> r = record(topic, i, !scenario.acksZero());
                sent.add(r);
                futures.add(producer.send(r));
            }
            producer.flush();
            after = System.currentTimeMillis();
            for (CompletableFuture<RecordMetadata> f : futures) {
                assertThat(f).as("flush() returned before this send completed").isDone();
            }
        }

        List<RecordMetadata> metadata = new ArrayList<>();
        for (CompletableFuture<RecordMetadata> f : futures) {
            metadata.add(f.get(1, TimeUnit.SECONDS));
        }
        List<ConsumerRecord<byte[], byte[]>> read = Topics.readAll(cluster.bootstrapServers(), topic, PARTITIONS,
            RECORDS);
        assertThat(read).hasSize(RECORDS);

        Map<String, ConsumerRecord<byte[], byte[]>> byPosition = new HashMap<>();
        Map<String, ConsumerRecord<byte[], byte[]>> byValue = new HashMap<>();
        Map<Integer, List<Long>> offsetsPerPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read) {
            byPosition.put(r.partition() + "@" + r.offset(), r);
            byValue.put(r.value() == null ? "null@" + r.offset() : new String(r.value(), StandardCharsets.UTF_8), r);
            offsetsPerPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.offset());
        }
        offsetsPerPartition.forEach((p, offsets) -> {
            for (int i = 0; i < offsets.size(); i++) {
                assertThat(offsets.get(i)).as("offsets of partition %d are 0, 1, 2, ...", p).isEqualTo(i);
            }
        });

        for (int i = 0; i < RECORDS; i++) {
            ProducerRecord<String, String> s = sent.get(i);
            RecordMetadata m = metadata.get(i);
            assertThat(m.topic()).isEqualTo(topic);
            ConsumerRecord<byte[], byte[]> r;
            if (scenario.acksZero()) {
                assertThat(m.offset()).as("acks=0 has no offsets").isEqualTo(-1);
                r = byValue.get(s.value());
            } else {
                r = byPosition.get(m.partition() + "@" + m.offset());
            }
            assertThat(r).as("record %d (%s) was read", i, m).isNotNull();
            assertThat(r.partition()).as("partition of record %d", i).isEqualTo(m.partition());
            if (s.partition() != null) {
                assertThat(m.partition()).as("explicit partition of record %d", i).isEqualTo(s.partition());
            } else if (s.key() != null) {
                assertThat(m.partition()).as("Kafka's partition for key %s", s.key()).isEqualTo(
                    BuiltInPartitioner.partitionForKey(s.key().getBytes(StandardCharsets.UTF_8), PARTITIONS));
            }
            assertThat(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(s.key());
            assertThat(r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(s.value());
            assertThat(m.serializedKeySize()).isEqualTo(s.key() == null ? -1 : s.key().length());
            assertThat(m.serializedValueSize()).isEqualTo(s.value() == null ? -1 : s.value().length());
            assertThat(r.serializedKeySize()).isEqualTo(m.serializedKeySize());
            assertThat(r.serializedValueSize()).isEqualTo(m.serializedValueSize());
            assertThat(headersOf(r)).as("headers of record %d", i).isEqualTo(headersOf(s));
            assertThat(r.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(r.timestamp()).as("timestamp of record %d", i).isEqualTo(m.timestamp());
            if (s.timestamp() != null) {
                assertThat(r.timestamp()).isEqualTo(s.timestamp());
            } else {
                assertThat(r.timestamp()).as("default timestamp: the send time").isBetween(before, after);
            }
        }
    }

    /** Record {@code i}: a mix of null and repeated keys, explicit partitions, explicit timestamps, headers. */
    private static ProducerRecord<String, String> record(String topic, int i, boolean nullValues) {
        String key = i % 5 == 0 ? null : "key-" + (i % 17);
        String value = nullValues && i % 23 == 0 ? null : "value-" + i;
        Integer partition = i % 7 == 0 ? i % PARTITIONS : null;
        Long timestamp = i % 2 == 0 ? EXPLICIT_TS + i : null;
        List<Header> headers = new ArrayList<>();
        if (i % 3 == 0) {
            headers.add(new Header("index", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
            headers.add(new Header("nullable", null));
            headers.add(new Header("index", new byte[0])); // repeated key, empty value
            headers.add(new Header("ünïcödé", new byte[] {(byte) 0xff, 0, 1}));
        }
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }

    private static List<String> headersOf(ProducerRecord<?, ?> r) {
        List<String> out = new ArrayList<>();
        for (Header h : r.headers()) {
            out.add(h.key() + "=" + Arrays.toString(h.value()));
        }
        return out;
    }

    private static List<String> headersOf(ConsumerRecord<?, ?> r) {
        List<String> out = new ArrayList<>();
        for (org.apache.kafka.common.header.Header h : r.headers()) {
            out.add(h.key() + "=" + Arrays.toString(h.value()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void nullKeysAreSpreadByStickyPartitioning(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("sticky");
        int partitions = 6;
        int records = 3000;
        Topics.create(cluster.bootstrapServers(), topic, partitions);
        Map<String, Object> config = cluster.clientConfig();
        config.put("batch.size", 2048);
        config.put("linger.ms", 5);
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        String padding = "x".repeat(90);
        try (TributaryProducer<String, String> producer =
                 TributaryProducer.create(config, Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            for (int i = 0; i < records; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, null, i + ":" + padding)));
            }
            producer.flush();
        }
        Map<Integer, Integer> perPartition = new HashMap<>();
        Set<String> positions = new HashSet<>();
        int switches = 0;
        int last = -1;
        for (CompletableFuture<RecordMetadata> f : futures) {
            RecordMetadata m = f.get(1, TimeUnit.SECONDS);
            perPartition.merge(m.partition(), 1, Integer::sum);
            positions.add(m.partition() + "@" + m.offset());
            if (m.partition() != last) {
                switches++;
                last = m.partition();
            }
        }
        // ~100 bytes a record, 2048-byte batches: the partition changes about every 20 records
        assertThat(perPartition.keySet()).as("partitions used by %d keyless records", records).hasSizeGreaterThan(3);
        assertThat(switches).as("sticky: consecutive keyless records share a partition").isLessThan(records / 5);
        assertThat(positions).hasSize(records);
        List<ConsumerRecord<byte[], byte[]>> read = Topics.readAll(cluster.bootstrapServers(), topic, partitions,
            records);
        assertThat(read).hasSize(records);
        for (ConsumerRecord<byte[], byte[]> r : read) {
            int i = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).split(":")[0]);
            RecordMetadata m = futures.get(i).join();
            assertThat(r.key()).isNull();
            assertThat(r.partition()).isEqualTo(m.partition());
            assertThat(r.offset()).isEqualTo(m.offset());
        }
    }
}
