package io.tributary.cli;

import static io.tributary.cli.ToolRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.ToolRunner.Result;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** producer-perf-test fills a topic, consumer-perf-test reads it back. */
@EmbeddedBroker(properties = "num.partitions=2")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerfToolsTest {
    private static final String PROGRESS = "\\d+ records sent, [\\d.]+ records/sec \\([\\d.]+ MB/sec\\), [\\d.]+ ms avg "
        + "latency, [\\d.]+ ms max latency\\.";
    private static final String SUMMARY = "3000 records sent, [\\d.]+ records/sec \\([\\d.]+ MB/sec\\), [\\d.]+ ms avg "
        + "latency, [\\d.]+ ms max latency, \\d+ ms 50th, \\d+ ms 95th, \\d+ ms 99th, \\d+ ms 99\\.9th\\.";
    private static final String NUMBER = "[\\d.]+";

    @BootstrapServers
    static String bootstrap;

    @Test
    @Order(1)
    void producerPerfTestHoldsTheThroughputAndPrintsProgressAndASummary() {
        long start = System.nanoTime();
        Result r = run("producer-perf-test", "--topic", "perf", "--num-records", "3000", "--record-size", "100",
            "--throughput", "5000", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=1",
            "--reporting-interval", "100");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines.get(lines.size() - 1)).matches(SUMMARY);
        assertThat(lines.subList(0, lines.size() - 1)).isNotEmpty().allMatch(l -> l.matches(PROGRESS));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(590)); // 3000 records at 5000/s take 0.6 s
    }

    @Test
    @Order(2)
    void producerPerfTestReadsAConfigFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("producer.properties");
        Files.writeString(config, "bootstrap.servers=" + bootstrap + "\ncompression.type=lz4\n");
        Result r = run("producer-perf-test", "--topic", "perf", "--num-records", "3000", "--record-size", "100",
            "--throughput", "-1", "--producer.config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).last().asString().matches(SUMMARY);
    }

    @Test
    @Order(3)
    void consumerPerfTestPrintsKafkasSummaryLine() {
        Result r = run("consumer-perf-test", "--bootstrap-server", bootstrap, "--topic", "perf", "--messages", "6000");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(2);
        assertThat(r.outLines().get(0)).isEqualTo("start.time, end.time, data.consumed.in.MB, MB.sec, "
            + "data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec");
        String[] fields = r.outLines().get(1).split(", ");
        assertThat(fields).hasSize(10);
        assertThat(fields[0]).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{3}");
        assertThat(fields[4]).isEqualTo("6000");
        assertThat(Double.parseDouble(fields[2])).isCloseTo(6000 * 100 / (1024.0 * 1024.0),
            org.assertj.core.data.Offset.offset(0.001));
        assertThat(fields[3]).matches(NUMBER);
    }

    @Test
    @Order(4)
    void consumerPerfTestDetailedStatsAndTimeout() {
        Result r = run("consumer-perf-test", "--bootstrap-server", bootstrap, "--topic", "perf", "--messages", "7000",
            "--show-detailed-stats", "--reporting-interval", "100", "--timeout", "1000");
        assertThat(r.exitCode()).isZero();
        assertThat(r.outLines().get(0)).startsWith("time, threadId, data.consumed.in.MB");
        List<String> rows = r.outLines().subList(1, r.outLines().size());
        assertThat(rows).isNotEmpty().allMatch(l -> l.split(", ").length == 10);
        assertThat(rows.get(rows.size() - 1).split(", ")[4]).isEqualTo("6000"); // totals so far: all there is
        assertThat(r.err()).contains("WARNING: Exiting before consuming the expected number of messages: timeout "
            + "(1000 ms) exceeded");
    }
}
