package io.tributary.benchmarks.e2e;

import io.tributary.broker.BrokerLite;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Tributary's producer and consumer beside kafka-clients' against the same broker-lite, in one run, alternating the
 * two clients round by round so the machine's drift hits both alike. Measures throughput and the client's CPU
 * time (this JVM's process CPU, which is the client plus the in-process broker: the broker's share is the same
 * work for both clients, so the difference is the client's) and allocation per record (this thread's allocated
 * bytes for the producer's sending thread).
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/e2e-classpath.txt)" \
 *   io.tributary.benchmarks.e2e.ClientComparison [records] [recordSize] [rounds]
 * </pre>
 */
public final class ClientComparison {
    private static final int PARTITIONS = 4;

    private record Phase(double seconds, double cpuSeconds, double allocatedBytes) {
    }

    private ClientComparison() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long records = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("client-comparison");
        Map<String, List<Phase>> results = new LinkedHashMap<>();
        try (BrokerLite broker = BrokerLite.start(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
            "log.dirs", dir.toString(), "log.retention.bytes", Long.toString(4L << 30)))) {
            String bootstrap = broker.bootstrapServers();
            // warm-up of both paths, not recorded
            run(bootstrap, "warm-k", "kafka", Math.min(records, 1_000_000), size, new HashMap<>());
            run(bootstrap, "warm-t", "tributary", Math.min(records, 1_000_000), size, new HashMap<>());
            for (int round = 1; round <= rounds; round++) {
                for (String client : round % 2 == 1 ? List.of("kafka", "tributary") : List.of("tributary", "kafka")) {
                    run(bootstrap, client + "-" + round, client, records, size, results);
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf(Locale.ROOT, "%n%d records of %d bytes, %d partitions, acks=1, linger.ms=5, "
            + "batch.size=65536, medians of %d rounds%n", records, size, PARTITIONS, rounds);
        System.out.printf(Locale.ROOT, "%-10s %-10s %14s %16s %18s%n", "phase", "client", "records/s",
            "CPU µs/record", "alloc B/record");
        for (String phase : List.of("produce", "consume")) {
            double[] kafka = medians(results.get(phase + "/kafka"), records);
            double[] ours = medians(results.get(phase + "/tributary"), records);
            System.out.printf(Locale.ROOT, "%-10s %-10s %,14.0f %16.3f %18.1f%n", phase, "kafka", kafka[0], kafka[1],
                kafka[2]);
            System.out.printf(Locale.ROOT, "%-10s %-10s %,14.0f %16.3f %18.1f%n", phase, "tributary", ours[0],
                ours[1], ours[2]);
            System.out.printf(Locale.ROOT, "%-10s %-10s %14.2f %16.2f %18.2f%n", phase, "ratio", ours[0] / kafka[0],
                ours[1] / kafka[1], ours[2] / kafka[2]);
        }
    }

    private static double[] medians(List<Phase> phases, long records) {
        return new double[] {
            median(phases.stream().mapToDouble(p -> records / p.seconds()).toArray()),
            median(phases.stream().mapToDouble(p -> p.cpuSeconds() * 1e6 / records).toArray()),
            median(phases.stream().mapToDouble(p -> p.allocatedBytes() / records).toArray())};
    }

    private static double median(double[] v) {
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void run(String bootstrap, String topic, String client, long records, int size,
                            Map<String, List<Phase>> results) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        byte[] value = new byte[size];
        new Random(42).nextBytes(value);
        LoadClient load = client.equals("kafka") ? ClientKind.KAFKA.client : ClientKind.TRIBUTARY.client;
        Phase p = produce(load, bootstrap, topic, records, value);
        results.computeIfAbsent("produce/" + client, k -> new ArrayList<>()).add(p);
        Phase c = consume(load, bootstrap, topic, records);
        results.computeIfAbsent("consume/" + client, k -> new ArrayList<>()).add(c);
        System.out.printf(Locale.ROOT, "%-14s %-9s produce %,12.0f rec/s  consume %,12.0f rec/s%n", topic, client,
            records / p.seconds(), records / c.seconds());
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime() / 1e9;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Phase produce(LoadClient client, String bootstrap, String topic, long records, byte[] value)
        throws IOException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        try (LoadClient.Producer producer = client.producer(bootstrap, "1", 5)) {
            producer.awaitMetadata(topic);
            double cpu0 = cpu();
            long a0 = allocated();
            long t0 = System.nanoTime();
            for (long i = 0; i < records; i++) {
                producer.send(topic, value, e -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
            Phase p = new Phase((System.nanoTime() - t0) / 1e9, cpu() - cpu0, allocated() - a0);
            if (acked.get() != records) {
                throw new IOException("producer: " + acked.get() + " acks of " + records, failure.get());
            }
            return p;
        }
    }

    private static Phase consume(LoadClient client, String bootstrap, String topic, long records) throws IOException {
        try (LoadClient.Reader reader = client.reader(bootstrap, topic, PARTITIONS)) {
            double cpu0 = cpu();
            long a0 = allocated();
            long t0 = System.nanoTime();
            long count = 0;
            long deadline = System.currentTimeMillis() + 120_000;
            while (count < records && System.currentTimeMillis() < deadline) {
                count += reader.poll(Duration.ofMillis(500), v -> { });
            }
            Phase p = new Phase((System.nanoTime() - t0) / 1e9, cpu() - cpu0, allocated() - a0);
            if (count != records) {
                throw new IOException("consumer read " + count + " of " + records);
            }
            return p;
        }
    }
}
