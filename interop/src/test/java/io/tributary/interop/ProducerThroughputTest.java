package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sanity check, not a benchmark and not a timed assertion: records/s of 1,000,000 100-byte records from our
 * producer and from kafka-clients' producer to broker-lite with the same settings. Excluded from the default run
 * (tag perf); run with {@code -Dinterop.excludedGroups= -Dgroups=perf -Dtest=ProducerThroughputTest}.
 */
@Tag("perf")
class ProducerThroughputTest {
    private static final int RECORDS = 1_000_000;
    private static final byte[] VALUE = new byte[100];

    @ParameterizedTest(name = "batch.size={0}")
    @ValueSource(ints = {16384, 262144})
    void oursAgainstKafkaClients(int batchSize) throws Exception {
        TestCluster cluster = Clusters.brokerLite();
        Map<String, Object> config = cluster.clientConfig();
        config.put("acks", "1");
        config.put("linger.ms", 5);
        config.put("batch.size", batchSize);
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            String topic = Clusters.uniqueName("throughput");
            Topics.create(cluster.bootstrapServers(), topic, 4);
            double ours = ours(config, topic);
            String kafkaTopic = Clusters.uniqueName("throughput-kafka");
            Topics.create(cluster.bootstrapServers(), kafkaTopic, 4);
            double theirs = kafkaClients(config, kafkaTopic);
            System.out.printf("interop perf (round %d) batch.size=%d: tributary %.0f records/s, kafka-clients %.0f "
                + "records/s (%.2fx)%n", round, batchSize, ours, theirs, ours / theirs);
        }
    }

    private static double ours(Map<String, Object> config, String topic) throws Exception {
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        try (TributaryProducer<byte[], byte[]> p = TributaryProducer.create(config, (t, v) -> v, (t, v) -> v)) {
            CompletableFuture<?> last = null;
            for (int i = 0; i < RECORDS; i++) {
                last = p.send(new ProducerRecord<>(topic, VALUE), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            p.flush();
            last.get(10, TimeUnit.SECONDS);
        }
        double rate = RECORDS / ((System.nanoTime() - start) / 1e9);
        assertThat(failed.get()).isZero();
        return rate;
    }

    private static double kafkaClients(Map<String, Object> config, String topic) {
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(config, new ByteArraySerializer(),
            new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, VALUE), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            p.flush();
        }
        double rate = RECORDS / ((System.nanoTime() - start) / 1e9);
        assertThat(failed.get()).isZero();
        return rate;
    }
}
