package io.tributary.benchmarks.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.HdrHistogram.Histogram;

/** The load, the same for both client libraries and both brokers: produce, consume, and a paced latency run. */
final class Workload {
    /** What one phase moved, how long it took, and the CPU time it cost the broker and this JVM (the client). */
    record Phase(long records, long bytes, double seconds, double brokerCpuSeconds, double clientCpuSeconds) {
        double recordsPerSecond() {
            return records / seconds;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double brokerCpuSecondsPerGigabyte() {
            return brokerCpuSeconds / (bytes / 1e9);
        }

        double clientCpuMicrosPerRecord() {
            return clientCpuSeconds * 1e6 / records;
        }
    }

    /** End-to-end latency percentiles, in milliseconds, over {@code count} records. */
    record Latency(long count, double p50, double p99, double p999, double max) {
    }

    private static final Duration STALL = Duration.ofSeconds(60);

    private Workload() {
    }

    static Map<String, Object> producerConfig(String bootstrap, String acks, int lingerMs) {
        return Map.of("bootstrap.servers", bootstrap, "acks", acks, "enable.idempotence", "false",
            "linger.ms", Integer.toString(lingerMs), "batch.size", Integer.toString(64 * 1024));
    }

    static Map<String, Object> consumerConfig(String bootstrap) {
        return Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", "false",
            "auto.offset.reset", "earliest");
    }

    /** CPU seconds this JVM (the harness and its clients) has used so far. */
    static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime() / 1e9;
    }

    /** Creates the topic and waits until every partition has a leader. */
    static void createTopic(Admin admin, String topic, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic);
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

    /** Sends {@code records} values of {@code size} random bytes (no key, linger.ms=5), then flushes. */
    static Phase produce(LoadClient client, String bootstrap, String topic, long records, int size, String acks,
                         long brokerPid) throws IOException {
        byte[] value = new byte[size];
        new Random(42).nextBytes(value);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (LoadClient.Producer producer = client.producer(bootstrap, acks, 5)) {
            producer.awaitMetadata(topic);
            double broker0 = ProcStats.cpuSeconds(brokerPid);
            double own0 = ownCpuSeconds();
            long t0 = System.nanoTime();
            for (long i = 0; i < records && failure.get() == null; i++) {
                producer.send(topic, value, e -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
            long t1 = System.nanoTime();
            double own1 = ownCpuSeconds();
            double broker1 = ProcStats.cpuSeconds(brokerPid);
            if (failure.get() != null || acked.get() != records) {
                throw new IOException("produce failed after " + acked.get() + " of " + records + " acks", failure.get());
            }
            return new Phase(records, records * size, (t1 - t0) / 1e9, broker1 - broker0, own1 - own0);
        }
    }

    /** Reads the topic from offset 0 until {@code records} records arrived. */
    static Phase consume(LoadClient client, String bootstrap, String topic, int partitions, long records,
                         long brokerPid) throws IOException {
        try (LoadClient.Reader reader = client.reader(bootstrap, topic, partitions)) {
            long end = reader.endOffsetSum();
            if (end != records) {
                throw new IOException("the end offsets of " + topic + " add up to " + end + ", expected " + records);
            }
            long[] bytes = new long[1];
            long count = 0;
            double broker0 = ProcStats.cpuSeconds(brokerPid);
            double own0 = ownCpuSeconds();
            long t0 = System.nanoTime();
            long lastProgress = t0;
            while (count < records) {
                int n = reader.poll(Duration.ofMillis(500), v -> bytes[0] += v.length);
                count += n;
                long now = System.nanoTime();
                if (n > 0) {
                    lastProgress = now;
                } else if (now - lastProgress > STALL.toNanos()) {
                    throw new IOException("consumer got no records for " + STALL.toSeconds() + " s, after " + count
                        + " of " + records);
                }
            }
            long t1 = System.nanoTime();
            double own1 = ownCpuSeconds();
            double broker1 = ProcStats.cpuSeconds(brokerPid);
            if (count != records) {
                throw new IOException("consumed " + count + " records, expected " + records);
            }
            return new Phase(count, bytes[0], (t1 - t0) / 1e9, broker1 - broker0, own1 - own0);
        }
    }

    /**
     * Sends {@code rate} records per second of {@code size} bytes for {@code seconds} (acks=1, linger.ms=0) while
     * a consumer of the same client library reads them; each value carries its scheduled send time, so a record
     * sent late because the producer stalled counts its wait too (no coordinated omission).
     */
    static Latency latency(LoadClient client, String bootstrap, String topic, int partitions, int rate,
                           double seconds, int size) throws IOException, InterruptedException {
        long records = Math.max(1, (long) (rate * seconds));
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong received = new AtomicLong();
        try (LoadClient.Reader reader = client.reader(bootstrap, topic, partitions);
             LoadClient.Producer producer = client.producer(bootstrap, "1", 0)) {
            producer.awaitMetadata(topic);
            Thread consumer = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) seconds) + STALL.toNanos();
                try {
                    while (received.get() < records && System.nanoTime() < deadline && failure.get() == null) {
                        received.addAndGet(reader.poll(Duration.ofMillis(100), v -> {
                            long micros = (System.nanoTime() - ByteBuffer.wrap(v).getLong(0)) / 1000;
                            histogram.recordValue(Math.min(Math.max(micros, 0), histogram.getHighestTrackableValue()));
                        }));
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "e2e-latency-consumer");
            consumer.start();
            long interval = 1_000_000_000L / rate;
            long t0 = System.nanoTime();
            for (long i = 0; i < records && failure.get() == null; i++) {
                long due = t0 + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] value = new byte[size];
                ByteBuffer.wrap(value).putLong(0, due);
                producer.send(topic, value, e -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            consumer.join();
        }
        if (failure.get() != null || received.get() != records) {
            throw new IOException("latency run received " + received.get() + " of " + records, failure.get());
        }
        return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
            histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
            histogram.getMaxValue() / 1000.0);
    }
}
