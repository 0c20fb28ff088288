package io.tributary.cli;

import static io.tributary.cli.ToolRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.cli.ToolRunner.Result;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connect-standalone with Kafka's properties files, against an embedded broker. */
@EmbeddedBroker(properties = {"num.partitions=1"})
class ConnectStandaloneToolTest {
    @BootstrapServers
    static String bootstrap;

    @TempDir
    Path dir;

    private Path worker() throws Exception {
        return write("worker.properties", "bootstrap.servers=" + bootstrap,
            "key.converter=org.apache.kafka.connect.storage.StringConverter",
            "value.converter=org.apache.kafka.connect.storage.StringConverter",
            "offset.storage.file.filename=" + dir.resolve("connect.offsets"),
            "offset.flush.interval.ms=100",
            "listeners=http://127.0.0.1:0");
    }

    private Path write(String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void runsAFileSourceAndSinkUntilStopped() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        Files.writeString(in, "one\ntwo\nthree\n", StandardCharsets.UTF_8);
        Path source = write("file-source.properties", "name=local-file-source", "connector.class=FileStreamSource",
            "tasks.max=1", "file=" + in, "topic=connect-cli");
        Path sink = write("file-sink.properties", "name=local-file-sink",
            "connector.class=org.apache.kafka.connect.file.FileStreamSinkConnector", "topics=connect-cli",
            "file=" + out);

        ToolRunner.Running connect = ToolRunner.start("connect-standalone", worker().toString(), source.toString(),
            sink.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> connect.out().contains("connect-standalone is running"));
        assertThat(connect.out()).contains("2 connector(s) [local-file-source, local-file-sink]")
            .containsPattern("REST API on port \\d+");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(out)
            && Files.readAllLines(out, StandardCharsets.UTF_8).size() == 3);

        Result stopped = connect.stop();
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("connect-standalone stopped");
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactly("one", "two", "three");
        Result consumed = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "connect-cli",
            "--from-beginning", "--max-messages", "3");
        assertThat(consumed.outLines()).containsExactly("one", "two", "three");
        assertThat(Files.readString(dir.resolve("connect.offsets"))).contains("position");
    }

    @Test
    void aWrongCommandLinePrintsTheUsageAndExits2() throws Exception {
        Result none = run("connect-standalone");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("connect-standalone: missing <file.properties>...")
            .contains("Usage: connect-standalone worker.properties connector1.properties");
        Result one = run("connect-standalone", worker().toString());
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).startsWith("connect-standalone: expected at least 2");
        assertThat(one.out()).isEmpty();
    }

    @Test
    void aBadConnectorConfigurationIsOneLineAndExits1() throws Exception {
        Path bad = write("bad.properties", "name=bad-source", "connector.class=FileStreamSource", "batch.size=lots");
        Result r = run("connect-standalone", worker().toString(), bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().satisfies(line -> assertThat(line)
            .startsWith("connect-standalone: connector bad-source has 3 invalid configurations: ")
            .contains("missing required configuration file", "batch.size : lots"));

        Result missing = run("connect-standalone", worker().toString(), dir.resolve("nope.properties").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("connect-standalone: no such file " + dir.resolve("nope.properties")
            + System.lineSeparator());

        Path unknown = write("unknown.properties", "name=x", "connector.class=com.acme.Nope");
        Result unknownClass = run("connect-standalone", worker().toString(), unknown.toString());
        assertThat(unknownClass.exitCode()).isEqualTo(1);
        assertThat(unknownClass.err().lines()).singleElement().satisfies(line -> assertThat(line)
            .contains("connector.class : com.acme.Nope"));
    }
}
