package io.tributary.benchmarks.e2e;

import io.tributary.broker.BrokerLite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * End-to-end comparison of broker-lite with Apache Kafka on this machine, with kafka-clients and with Tributary's
 * own clients (a 2 × 2 matrix): each broker runs in its own child JVM, the clients run here; rounds alternate the
 * brokers, and each broker alternates the clients, so that drift hits all alike. See benchmarks/README.md.
 */
public final class E2eBenchmark {
    /** What a run produced: every round's figures and the goal verdicts. */
    record Outcome(List<RoundResult> results, List<Goals.Line> goals) {
        boolean failed() {
            return results.stream().anyMatch(r -> !r.ok());
        }
    }

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
        System.exit(run(options).failed() ? 1 : 0);
    }

    /** Runs the whole comparison, prints progress and the table, writes the JSON and the chart. */
    static Outcome run(E2eOptions options) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("tributary-e2e-");
        Thread cleanup = new Thread(() -> {
            BrokerProcess.stopAll();
            deleteTree(root);
        }, "e2e-stop-brokers");
        Runtime.getRuntime().addShutdownHook(cleanup);
        System.out.printf(Locale.ROOT, "e2e: %s per produce phase, sizes %s, acks %s, %d partitions, %d round(s),"
                + " brokers %s, clients %s, broker JVM flags %s, latency %d records/s for %s s, %d CPUs, data under %s%n",
            options.records() > 0 ? options.records() + " records" : options.megabytes() + " MB", options.recordSizes(),
            options.acks(), options.partitions(), options.rounds(), options.brokers(), options.clients(),
            options.jvmFlags(), options.latencyRate(), options.latencySeconds(),
            Runtime.getRuntime().availableProcessors(), root);
        List<RoundResult> results = new ArrayList<>();
        try {
            double cold = inProcessStartMillis(root.resolve("in-process-cold"));
            System.out.printf(Locale.ROOT, "in-process BrokerLite.start, first in this JVM: %.0f ms%n", cold);
            if (options.harnessWarmupRecords() > 0) {
                System.out.println("round 0 warms up this JVM's clients; its figures are not counted");
                for (BrokerKind kind : options.brokers()) {
                    runOne(options.harnessWarmup(), kind, 0, options.clients(), root.resolve(kind.label + "-0"), cold);
                }
            }
            for (int round = 1; round <= options.rounds(); round++) {
                List<BrokerKind> brokers = alternate(options.brokers(), round % 2 == 0);
                for (int b = 0; b < brokers.size(); b++) {
                    BrokerKind kind = brokers.get(b);
                    List<ClientKind> clients = alternate(options.clients(), (round + b) % 2 == 0);
                    results.add(runOne(options, kind, round, clients, root.resolve(kind.label + "-" + round), cold));
                }
            }
        } finally {
            deleteTree(root);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        List<Goals.Line> goals = Goals.evaluate(results, options);
        System.out.println();
        Report.printTable(System.out, results, goals);
        Report.writeJson(options.out(), options, results, goals);
        RatioChart.write(options.chart(), goals, options);
        System.out.println("\nresults written to " + options.out().toAbsolutePath() + ", chart to "
            + options.chart().toAbsolutePath());
        return new Outcome(results, goals);
    }

    private static <T> List<T> alternate(List<T> order, boolean reverse) {
        List<T> l = new ArrayList<>(order);
        if (reverse) {
            java.util.Collections.reverse(l);
        }
        return l;
    }

    private static RoundResult runOne(E2eOptions o, BrokerKind kind, int round, List<ClientKind> clients, Path dir,
                                      double coldStart) {
        String tag = String.format(Locale.ROOT, "[round %d %s]", round, kind.label);
        Map<String, Double> f = new LinkedHashMap<>();
        BrokerProcess broker = null;
        try {
            if (kind == BrokerKind.TRIBUTARY) {
                f.put(Figures.IN_PROCESS_COLD, coldStart);
                f.put(Figures.IN_PROCESS, inProcessStartMillis(dir.resolve("in-process")));
            }
            broker = BrokerProcess.prepare(kind, dir, o.jvmFlags(), o.startupTimeoutSeconds());
            if (broker.formatMillis >= 0) {
                f.put(Figures.FORMAT, (double) broker.formatMillis);
            }
            try (Admin admin = Admin.create(probeSettings(broker.bootstrap))) {
                broker.spawn();
                long ready = broker.awaitReady(admin);
                f.put(Figures.READY, (double) ready);
                System.out.printf(Locale.ROOT, "%s ready in %d ms (pid %d), client order %s%n", tag, ready,
                    broker.pid(), clients.stream().map(c -> c.label).toList());
                for (ClientKind c : clients) {
                    Workload.createTopic(admin, "warm-" + c.label, o.partitions());
                    Workload.createTopic(admin, "latency-" + c.label, o.partitions());
                    for (int size : o.recordSizes()) {
                        for (String acks : o.acks()) {
                            Workload.createTopic(admin, produceTopic(size, c, acks), o.partitions());
                        }
                    }
                }
            }
            new RoundRunner(o, broker, tag, clients, f).run();
            f.put(Figures.RSS, ProcStats.rssKib(broker.pid()) / 1024.0);
            System.out.printf(Locale.ROOT, "%s broker RSS after the load %.0f MiB%n", tag, f.get(Figures.RSS));
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
            return RoundResult.failed(kind, round, f, trace.toString());
        } finally {
            if (broker != null) {
                broker.close();
            }
            deleteTree(dir);
        }
    }

    static String produceTopic(int size, ClientKind client, String acks) {
        return "produce-" + size + "-" + client.label + "-acks" + acks;
    }

    /**
     * Starts a BrokerLite in this JVM and times {@code BrokerLite.start} (it returns once the broker accepts
     * connections), then checks, untimed, that it answers a metadata request, and stops it.
     */
    static double inProcessStartMillis(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Map<String, String> props = Map.of("listeners", "PLAINTEXT://127.0.0.1:" + BrokerProcess.freePort(),
            "log.dirs", dir.toAbsolutePath().toString());
        long t0 = System.nanoTime();
        try (BrokerLite broker = BrokerLite.start(props)) {
            double millis = (System.nanoTime() - t0) / 1e6;
            try (Admin admin = Admin.create(probeSettings(broker.bootstrapServers()))) {
                if (admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).isEmpty()) {
                    throw new IOException("the in-process broker named no node");
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("the in-process broker did not answer describeCluster", e);
            }
            return millis;
        } finally {
            deleteTree(dir);
        }
    }

    static Properties probeSettings(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "5");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10");
        p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "5");
        p.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "10");
        return p;
    }

    static void deleteTree(Path dir) {
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
