package io.tributary.benchmarks.streams;

import io.tributary.broker.BrokerLite;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The same word count on Tributary's streams and on Kafka Streams 4.4, against one in-process broker-lite, in one
 * run, alternating the two engines round by round so the machine's drift hits both alike.
 *
 * <p>The input ({@link WordCountInput}: {@code lines} lines of 5 words on average, 1,000 distinct words, 4
 * partitions) is written once, untimed. Each run then starts a fresh application (its own application id, output
 * topic and internal topics, deleted afterwards) and measures, from {@code start()} until the output topic holds
 * the true final count of every word (seen by an {@link OutputChecker} polling in this thread): the time, lines/s
 * and words/s, and the CPU time of this process (which also runs the broker and the checker), the broker's threads
 * and the checker's. After the clock stops the application is closed and the rest of the output is read: every
 * word's latest count must be its true count, or the run fails.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/e2e-classpath.txt)" \
 *   io.tributary.benchmarks.streams.WordCountComparison [lines] [rounds]
 * </pre>
 */
public final class WordCountComparison {
    static final int PARTITIONS = 4;
    static final long COMMIT_INTERVAL_MS = 1_000;
    private static final List<String> BROKER_THREADS = List.of("tributary-network", "tributary-acceptor",
        "tributary-log-");

    /** One measured run. {@code appCpuSeconds}: process CPU minus the broker's and the checker's threads. */
    public record RunResult(String engine, int round, long lines, long words, double seconds, double processCpuSeconds,
                            double brokerCpuSeconds, double checkerCpuSeconds, long outputRecords) {
        double linesPerSecond() {
            return lines / seconds;
        }

        double wordsPerSecond() {
            return words / seconds;
        }

        double appCpuSeconds() {
            return processCpuSeconds - brokerCpuSeconds - checkerCpuSeconds;
        }
    }

    private WordCountComparison() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // Kafka Streams' start-up warnings (a config recommendation, metadata before its internal topics exist)
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<RunResult> results = run(lines, rounds, Math.min(lines, 200_000), System.out);
        printTable(results, lines, rounds, System.out);
    }

    /**
     * Runs an unrecorded warm-up of each engine on {@code warmupLines} lines (none if 0), then {@code rounds}
     * rounds of both on {@code lines} lines; returns the measured runs. Throws if an engine fails or counts wrong.
     */
    public static List<RunResult> run(int lines, int rounds, int warmupLines, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("wordcount-comparison");
        List<RunResult> results = new ArrayList<>();
        try (BrokerLite broker = BrokerLite.start(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
            "log.dirs", dir.resolve("broker").toString(),
            "group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "1"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            String bootstrap = broker.bootstrapServers();
            if (warmupLines > 0) {
                WordCountInput warm = input(admin, bootstrap, "wc-warmup-lines", warmupLines);
                for (WordCountEngine engine : WordCountEngine.values()) {
                    once(admin, bootstrap, warm, engine, 0, dir, out);
                }
            }
            WordCountInput input = input(admin, bootstrap, "wc-lines", lines);
            out.printf(Locale.ROOT, "input: %,d lines, %,d words, %,d distinct%n", input.lines(), input.words(),
                input.expected().size());
            for (int round = 1; round <= rounds; round++) {
                List<WordCountEngine> order = new ArrayList<>(Arrays.asList(WordCountEngine.values()));
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (WordCountEngine engine : order) {
                    results.add(once(admin, bootstrap, input, engine, round, dir, out));
                }
            }
        } finally {
            deleteRecursively(dir);
        }
        return results;
    }

    private static WordCountInput input(Admin admin, String bootstrap, String topic, int lines) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return WordCountInput.produce(bootstrap, topic, lines, 42);
    }

    private static RunResult once(Admin admin, String bootstrap, WordCountInput input, WordCountEngine engine,
                                  int round, Path dir, PrintStream out) throws Exception {
        String app = "wc-" + engine.label + "-" + round + (round == 0 ? "-" + input.lines() : "");
        String output = app + "-counts";
        admin.createTopics(List.of(new NewTopic(output, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        Path stateDir = Files.createDirectories(dir.resolve("state-" + app));
        RunResult result;
        try (OutputChecker checker = new OutputChecker(bootstrap, output, PARTITIONS, input.expected())) {
            Duration timeout = Duration.ofSeconds(120 + input.lines() / 2_000);
            double cpu0 = processCpuSeconds();
            double broker0 = brokerCpuSeconds();
            double checker0 = currentThreadCpuSeconds();
            long t0 = System.nanoTime();
            WordCountEngine.Running running = engine.start(new WordCountEngine.Settings(bootstrap, app,
                input.topic(), output, COMMIT_INTERVAL_MS, stateDir));
            long done;
            try {
                done = checker.awaitFinalCounts(timeout);
            } catch (RuntimeException e) {
                running.close();
                throw e;
            }
            result = new RunResult(engine.label, round, input.lines(), input.words(), (done - t0) / 1e9,
                processCpuSeconds() - cpu0, brokerCpuSeconds() - broker0, currentThreadCpuSeconds() - checker0,
                checker.records());
            running.close();
            Map<String, String> wrong = checker.readToEndAndCompare();
            if (!wrong.isEmpty()) {
                throw new IllegalStateException(engine.label + " counted " + wrong.size() + " words wrong, e.g. "
                    + wrong.entrySet().stream().limit(5).toList());
            }
        } finally {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(app + "-")).toList();
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            deleteRecursively(stateDir);
        }
        out.printf(Locale.ROOT, "%-26s %-14s %8.2f s %,12.0f lines/s %,12.0f words/s  CPU: process %6.2f s, "
                + "app %6.2f s, broker %6.2f s, checker %5.2f s; %,d output records%n", round == 0 ? "warm-up"
                : "round " + round, engine.label, result.seconds(), result.linesPerSecond(), result.wordsPerSecond(),
            result.processCpuSeconds(), result.appCpuSeconds(), result.brokerCpuSeconds(),
            result.checkerCpuSeconds(), result.outputRecords());
        return result;
    }

    /** Prints the medians of each engine and the ratios Tributary ÷ Kafka Streams. */
    static void printTable(List<RunResult> results, int lines, int rounds, PrintStream out) {
        RunResult any = results.get(0);
        out.printf(Locale.ROOT, "%n%,d lines (%,d words, %d distinct), %d partitions, commit.interval.ms=%d, "
                + "Kafka Streams statestore.cache.max.bytes=%d, medians of %d rounds%n%n", lines, any.words(),
            WordCountInput.VOCABULARY, PARTITIONS, COMMIT_INTERVAL_MS, KafkaStreamsWordCount.CACHE_MAX_BYTES, rounds);
        out.println("| engine | seconds | lines/s | words/s | process CPU s | app CPU s | broker CPU s |");
        out.println("|---|---|---|---|---|---|---|");
        double[][] m = new double[2][];
        int i = 0;
        for (WordCountEngine engine : WordCountEngine.values()) {
            List<RunResult> mine = results.stream().filter(r -> r.engine().equals(engine.label)).toList();
            m[i] = new double[] {
                median(mine, RunResult::seconds), median(mine, RunResult::linesPerSecond),
                median(mine, RunResult::wordsPerSecond), median(mine, RunResult::processCpuSeconds),
                median(mine, RunResult::appCpuSeconds), median(mine, RunResult::brokerCpuSeconds)};
            out.printf(Locale.ROOT, "| %s | %.2f | %,.0f | %,.0f | %.2f | %.2f | %.2f |%n", engine.label, m[i][0],
                m[i][1], m[i][2], m[i][3], m[i][4], m[i][5]);
            i++;
        }
        out.printf(Locale.ROOT, "| ratio tributary ÷ kafka-streams | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
            m[0][0] / m[1][0], m[0][1] / m[1][1], m[0][2] / m[1][2], m[0][3] / m[1][3], m[0][4] / m[1][4],
            m[0][5] / m[1][5]);
    }

    private static double median(List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime() / 1e9;
    }

    private static double currentThreadCpuSeconds() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    /** CPU time of broker-lite's live threads (network, acceptor, log), which live as long as the broker. */
    private static double brokerCpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && BROKER_THREADS.stream().anyMatch(t.getThreadName()::startsWith)) {
                nanos += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
