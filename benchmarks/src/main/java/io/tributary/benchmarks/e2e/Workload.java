package io.tributary.benchmarks.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The load: Apache Kafka's own producer and consumer (kafka-clients), with the same settings for every broker. */
final class Workload {
    /** What one phase moved, how long it took, and the broker CPU time it cost. */
    record Phase(long records, long bytes, double seconds, double brokerCpuSeconds) {
        double recordsPerSecond() {
            return records / seconds;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double cpuSecondsPerGigabyte() {
            return brokerCpuSeconds / (bytes / 1e9);
        }
    }

    private static final Duration STALL = Duration.ofSeconds(60);

    private Workload() {
    }

    /** Creates the topic and waits until every partition has a leader. */
    static void createTopic(Admin admin, String topic, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
                if (d.partitions().size() == partitions && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topic + " have no leader after 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Sends {@code records} values of {@code size} random bytes (no key), then flushes. */
    static Phase produce(String bootstrap, String topic, long records, int size, long brokerPid)
            throws IOException, InterruptedException {
        Properties p = new Properties();
        p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "1",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024)));
        byte[] value = new byte[size];
        new Random(42).nextBytes(value);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                 new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata before the clock starts
            double cpu0 = ProcStats.cpuSeconds(brokerPid);
            long t0 = System.nanoTime();
            for (long i = 0; i < records && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, value), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
            long t1 = System.nanoTime();
            double cpu1 = ProcStats.cpuSeconds(brokerPid);
            if (failure.get() != null || acked.get() != records) {
                throw new IOException("produce failed after " + acked.get() + " of " + records + " acks", failure.get());
            }
            return new Phase(records, records * size, (t1 - t0) / 1e9, cpu1 - cpu0);
        }
    }

    /** Reads the topic from offset 0 (assigned partitions, no group) until {@code records} records arrived. */
    static Phase consume(String bootstrap, String topic, int partitions, long records, long brokerPid)
            throws IOException {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        List<TopicPartition> tps = IntStream.range(0, partitions).mapToObj(i -> new TopicPartition(topic, i)).toList();
        try (KafkaConsumer<byte[], byte[]> consumer =
                 new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long end = consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
            if (end != records) {
                throw new IOException("the end offsets of " + topic + " add up to " + end + ", expected " + records);
            }
            long count = 0;
            long bytes = 0;
            double cpu0 = ProcStats.cpuSeconds(brokerPid);
            long t0 = System.nanoTime();
            long lastProgress = t0;
            while (count < records) {
                var batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    bytes += r.value().length;
                }
                count += batch.count();
                long now = System.nanoTime();
                if (!batch.isEmpty()) {
                    lastProgress = now;
                } else if (now - lastProgress > STALL.toNanos()) {
                    throw new IOException("consumer got no records for " + STALL.toSeconds() + " s, after " + count
                        + " of " + records + " (positions " + tps.stream().map(consumer::position).toList() + ")");
                }
            }
            long t1 = System.nanoTime();
            double cpu1 = ProcStats.cpuSeconds(brokerPid);
            if (count != records) {
                throw new IOException("consumed " + count + " records, expected " + records);
            }
            return new Phase(count, bytes, (t1 - t0) / 1e9, cpu1 - cpu0);
        }
    }
}
