package io.tributary.cli;

import static io.tributary.cli.ToolRunner.run;
import static io.tributary.cli.ToolRunner.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.ToolRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wrong command lines and unreachable brokers: no broker needed. */
class ToolErrorsTest {
    private static final String[] TOOLS = {"broker-lite-start", "console-producer", "console-consumer",
        "producer-perf-test", "consumer-perf-test", "topics", "configs", "consumer-groups", "delete-records",
        "connect-standalone"};

    @Test
    void noToolListsTheToolsAndExits2() {
        Result r = run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(TOOLS);
        Result unknown = run("kafka-topics");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("tributary-cli: unknown tool kafka-topics").contains(TOOLS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"broker-lite-start", "console-producer", "console-consumer", "producer-perf-test",
        "consumer-perf-test", "topics", "configs", "consumer-groups", "delete-records", "connect-standalone"})
    void helpPrintsTheUsageToStdout(String tool) {
        Result r = run(tool, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: " + tool).contains("--help");
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"broker-lite-start", "console-producer", "console-consumer", "producer-perf-test",
        "consumer-perf-test", "topics", "configs", "consumer-groups", "delete-records", "connect-standalone"})
    void anUnknownFlagPrintsTheUsageAndExits2(String tool) {
        Result r = run(tool, "--no-such-flag", "x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(tool + ": unknown flag --no-such-flag").contains("Usage: " + tool);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingTopicExits2() {
        Result producer = runWithInput("a\n", "console-producer", "--bootstrap-server", "localhost:9092");
        assertThat(producer.exitCode()).isEqualTo(2);
        assertThat(producer.err()).startsWith("console-producer: missing required flag --topic")
            .contains("Usage: console-producer");
        Result consumer = run("console-consumer", "--bootstrap-server", "localhost:9092");
        assertThat(consumer.exitCode()).isEqualTo(2);
        assertThat(consumer.err()).startsWith("console-consumer: missing required flag --topic");
        Result perf = run("producer-perf-test", "--num-records", "1", "--record-size", "1", "--throughput", "-1");
        assertThat(perf.exitCode()).isEqualTo(2);
        assertThat(perf.err()).startsWith("producer-perf-test: missing required flag --topic");
    }

    @Test
    void aMissingBootstrapServerExits2() {
        Result r = runWithInput("a\n", "console-producer", "--topic", "t");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("console-producer: missing required flag --bootstrap-server (or --broker-list)");
        Result perf = run("producer-perf-test", "--topic", "t", "--num-records", "1", "--record-size", "1",
            "--throughput", "-1");
        assertThat(perf.exitCode()).isEqualTo(2);
        assertThat(perf.err()).contains("no bootstrap.servers");
    }

    @Test
    void aBadNumberExits2() {
        Result r = run("console-consumer", "--bootstrap-server", "localhost:9092", "--topic", "t",
            "--max-messages", "lots");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("console-consumer: --max-messages lots is not a whole number");
    }

    @Test
    void anUnreachableBrokerIsNamedAndEveryToolExits1WithinSeconds(@TempDir Path dir) throws Exception {
        Path offsets = Files.writeString(dir.resolve("offsets.json"),
            "{\"partitions\":[{\"topic\":\"foods\",\"partition\":0,\"offset\":1}],\"version\":1}");
        String address = "127.0.0.1:" + ToolRunner.unusedPort();
        String[][] commands = {
            {"console-producer", "--broker-list", address, "--topic", "foods"},
            {"console-consumer", "--bootstrap-server", address, "--topic", "foods", "--from-beginning"},
            {"producer-perf-test", "--topic", "perf", "--num-records", "10", "--record-size", "10",
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + address},
            {"consumer-perf-test", "--bootstrap-server", address, "--topic", "perf", "--messages", "10"},
            {"topics", "--bootstrap-server", address, "--create", "--topic", "foods", "--replication-factor", "1",
                "--partitions", "4"},
            {"configs", "--bootstrap-server", address, "--describe", "--topic", "foods"},
            {"consumer-groups", "--bootstrap-server", address, "--list"},
            {"delete-records", "--bootstrap-server", address, "--offset-json-file", offsets.toString()},
        };
        for (String[] command : commands) {
            long start = System.nanoTime();
            Result r = runWithInput("fruit-apple\n", command);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(r.exitCode()).as(command[0]).isEqualTo(1);
            assertThat(r.err()).as(command[0]).startsWith(command[0] + ": cannot connect to the broker at " + address)
                .hasLineCount(1);
            assertThat(took).as(command[0]).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        Result r = run("console-consumer", "--bootstrap-server", "no-such-host.invalid:9092", "--topic", "t");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no-such-host.invalid:9092 (unknown host)");
    }

    @Test
    void brokerLiteStartNeedsAnExistingFile() {
        Result missing = run("broker-lite-start");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("broker-lite-start: missing <server.properties>");
        Result noFile = run("broker-lite-start", "no/such/server.properties");
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.err()).isEqualTo("broker-lite-start: no such file no/such/server.properties\n");
    }
}
