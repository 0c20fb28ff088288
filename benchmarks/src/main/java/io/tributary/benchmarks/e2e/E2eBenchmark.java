package io.tributary.benchmarks.e2e;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * End-to-end comparison of broker-lite with Apache Kafka on this machine: each broker runs in its own child JVM,
 * Kafka's producer and consumer run here; rounds alternate the brokers so that drift hits both alike.
 * See benchmarks/README.md for the command.
 */
public final class E2eBenchmark {
    private static final String WARMUP_TOPIC = "e2e-warmup";
    private static final String TOPIC = "e2e-bench";

    private E2eBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // the clients warn about every refused connection while a broker starts: keep the table readable
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        E2eOptions options;
        try {
            options = E2eOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + E2eOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = Files.createTempDirectory("tributary-e2e-");
        Thread cleanup = new Thread(() -> {
            BrokerProcess.stopAll();
            deleteTree(root);
        }, "e2e-stop-brokers");
        Runtime.getRuntime().addShutdownHook(cleanup);
        System.out.printf(Locale.ROOT, "e2e: %,d records of %d bytes, %d partitions, %d round(s) of %s, broker JVM flags %s,"
                + " %d CPUs, data under %s%n", options.records(), options.recordSize(), options.partitions(),
            options.rounds(), options.order().stream().map(b -> b.label).toList(), options.jvmFlags(),
            Runtime.getRuntime().availableProcessors(), root);
        List<RoundResult> results = new ArrayList<>();
        try {
            if (options.harnessWarmupRecords() > 0) {
                System.out.println("round 0 warms up this JVM's clients; its figures are not counted");
                for (BrokerKind kind : options.order()) {
                    runOne(options.harnessWarmup(), kind, 0, root.resolve(kind.label + "-0"));
                }
            }
            for (int round = 1; round <= options.rounds(); round++) {
                for (BrokerKind kind : options.order()) {
                    results.add(runOne(options, kind, round, root.resolve(kind.label + "-" + round)));
                }
            }
        } finally {
            deleteTree(root);
        }
        System.out.println();
        Report.printTable(System.out, results);
        Report.writeJson(options.out(), options, results);
        System.out.println("\nresults written to " + options.out().toAbsolutePath());
        if (results.stream().anyMatch(r -> !r.ok())) {
            System.exit(1);
        }
    }

    private static RoundResult runOne(E2eOptions o, BrokerKind kind, int round, Path dir) {
        String tag = String.format(Locale.ROOT, "[round %d %s]", round, kind.label);
        BrokerProcess broker = null;
        try {
            broker = BrokerProcess.prepare(kind, dir, o.jvmFlags(), o.startupTimeoutSeconds());
            Map<Metric, Double> f = new EnumMap<>(Metric.class);
            if (broker.formatMillis >= 0) {
                f.put(Metric.FORMAT_MS, (double) broker.formatMillis);
            }
            try (Admin admin = Admin.create(probeSettings(broker.bootstrap))) {
                broker.spawn();
                long ready = broker.awaitReady(admin);
                f.put(Metric.READY_MS, (double) ready);
                System.out.printf(Locale.ROOT, "%s ready in %d ms (pid %d)%n", tag, ready, broker.pid());
                Workload.createTopic(admin, WARMUP_TOPIC, o.partitions());
                Workload.createTopic(admin, TOPIC, o.partitions());
            }
            if (o.warmupRecords() > 0) {
                Workload.produce(broker.bootstrap, WARMUP_TOPIC, o.warmupRecords(), o.recordSize(), broker.pid());
                Workload.consume(broker.bootstrap, WARMUP_TOPIC, o.partitions(), o.warmupRecords(), broker.pid());
            }
            Workload.Phase produced = Workload.produce(broker.bootstrap, TOPIC, o.records(), o.recordSize(), broker.pid());
            print(tag, "produce", produced);
            Workload.Phase fetched = Workload.consume(broker.bootstrap, TOPIC, o.partitions(), o.records(), broker.pid());
            print(tag, "consume", fetched);
            f.put(Metric.PRODUCE_RECORDS_PER_S, produced.recordsPerSecond());
            f.put(Metric.PRODUCE_MB_PER_S, produced.megabytesPerSecond());
            f.put(Metric.CONSUME_RECORDS_PER_S, fetched.recordsPerSecond());
            f.put(Metric.CONSUME_MB_PER_S, fetched.megabytesPerSecond());
            f.put(Metric.CPU_S_PER_GB_PRODUCED, produced.cpuSecondsPerGigabyte());
            f.put(Metric.CPU_S_PER_GB_FETCHED, fetched.cpuSecondsPerGigabyte());
            f.put(Metric.PRODUCE_SECONDS, produced.seconds());
            f.put(Metric.CONSUME_SECONDS, fetched.seconds());
            f.put(Metric.RSS_MIB, ProcStats.rssKib(broker.pid()) / 1024.0);
            return new RoundResult(kind, round, f, null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            System.out.printf("%s FAILED: %s%n", tag, trace);
            if (broker != null) {
                System.out.printf("%s last lines of the broker's output:%n%s%n", tag, broker.logTail(40));
            }
            return RoundResult.failed(kind, round, trace.toString());
        } finally {
            if (broker != null) {
                broker.close();
            }
            deleteTree(dir);
        }
    }

    private static void print(String tag, String what, Workload.Phase p) {
        System.out.printf(Locale.ROOT, "%s %s: %,d records in %.2f s = %,.0f records/s, %.1f MB/s; broker CPU %.2f s"
                + " (%.2f s/GB)%n", tag, what, p.records(), p.seconds(), p.recordsPerSecond(), p.megabytesPerSecond(),
            p.brokerCpuSeconds(), p.cpuSecondsPerGigabyte());
    }

    /** An admin that retries quickly, so the ready time is not rounded up to a reconnect backoff. */
    private static Properties probeSettings(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "5");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10");
        p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "5");
        p.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "10");
        return p;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
