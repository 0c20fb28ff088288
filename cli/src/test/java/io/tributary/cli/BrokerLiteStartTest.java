package io.tributary.cli;

import static io.tributary.cli.ToolRunner.run;
import static io.tributary.cli.ToolRunner.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.cli.ToolRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerLiteStartTest {
    @TempDir
    Path dir;

    @Test
    void runsTheBrokerFromAPropertiesFileUntilStopped() throws Exception {
        Path config = dir.resolve("server.properties");
        Files.writeString(config, "listeners=PLAINTEXT://127.0.0.1:9092\nlog.dirs=" + dir.resolve("data")
            + "\nnum.partitions=1\n");
        ToolRunner.Running broker = ToolRunner.start("broker-lite-start", config.toString(),
            "--override", "listeners=PLAINTEXT://127.0.0.1:0", "--override", "group.initial.rebalance.delay.ms=0");
        Pattern listening = Pattern.compile("broker-lite is listening on (127\\.0\\.0\\.1:\\d+) with data in (.*) \\(");
        await().atMost(Duration.ofSeconds(20)).until(() -> listening.matcher(broker.out()).find());
        Matcher m = listening.matcher(broker.out());
        assertThat(m.find()).isTrue();
        String bootstrap = m.group(1);
        assertThat(bootstrap).isNotEqualTo("127.0.0.1:9092"); // the override won
        assertThat(Path.of(m.group(2))).isEqualTo(dir.resolve("data").toAbsolutePath().normalize());
        assertThat(broker.out()).contains("bin/topics --create --topic foods --bootstrap-server " + bootstrap
            + " --replication-factor 1 --partitions 4", "bin/console-producer --bootstrap-server " + bootstrap);

        Result produced = runWithInput("k-v\n", "console-producer", "--bootstrap-server", bootstrap, "--topic", "t",
            "--property", "parse.key=true", "--property", "key.separator=-");
        assertThat(produced.exitCode()).as(produced.err()).isZero();
        Result consumed = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "t",
            "--from-beginning", "--max-messages", "1");
        assertThat(consumed.outLines()).containsExactly("v");

        Result stopped = broker.stop();
        assertThat(stopped.exitCode()).isZero();
        assertThat(Files.exists(dir.resolve("data/meta.properties"))).isTrue();
    }

    @Test
    void anInvalidSettingExits2() throws Exception {
        Path config = dir.resolve("server.properties");
        Files.writeString(config, "listeners=PLAINTEXT://127.0.0.1:0\nlog.dirs=" + dir.resolve("data")
            + "\nnum.partitions=zero\n");
        Result r = run("broker-lite-start", config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("broker-lite-start: invalid configuration:").contains("num.partitions");
    }
}
