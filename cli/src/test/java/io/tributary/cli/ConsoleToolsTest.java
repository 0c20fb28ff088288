package io.tributary.cli;

import static io.tributary.cli.ToolRunner.run;
import static io.tributary.cli.ToolRunner.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.cli.ToolRunner.Result;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** console-producer and console-consumer, run through the real dispatcher against an in-process broker-lite. */
@EmbeddedBroker(properties = {"num.partitions=1", "auto.create.topics.enable=true"})
class ConsoleToolsTest {
    private static final String FOODS = "fruit-apple\nvegetable-carrot\nfruit-banana\n";

    @BootstrapServers
    String bootstrap;

    private void produce(String topic, String lines, String... extra) {
        String[] args = new String[8 + extra.length];
        String[] base = {"console-producer", "--broker-list", bootstrap, "--topic", topic,
            "--property", "key.separator=-", "--property=parse.key=true"};
        System.arraycopy(base, 0, args, 0, 8);
        System.arraycopy(extra, 0, args, 8, extra.length);
        Result r = runWithInput(lines, args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void kafkasSeedSequencePrintsValuesThenKeysAndValues() {
        produce("foods", FOODS);

        Result values = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "foods",
            "--from-beginning", "--property", "key.separator=-", "--property", "print.key=false",
            "--max-messages", "3");
        assertThat(values.exitCode()).as(values.err()).isZero();
        assertThat(values.outLines()).containsExactly("apple", "carrot", "banana");
        assertThat(values.err()).contains("Processed a total of 3 messages");

        Result keyed = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "foods",
            "--from-beginning", "--property", "key.separator=-", "--property", "print.key=true",
            "--max-messages", "3");
        assertThat(keyed.exitCode()).isZero();
        assertThat(keyed.outLines()).containsExactly("fruit-apple", "vegetable-carrot", "fruit-banana");
    }

    @Test
    void printsTimestampPartitionAndOffsetWhenAsked() {
        produce("printed", "k-v\n");
        Result r = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "printed",
            "--from-beginning", "--max-messages", "1", "--property", "print.timestamp=true",
            "--property", "print.partition=true", "--property", "print.offset=true", "--property", "print.key=true");
        assertThat(r.outLines()).singleElement().asString()
            .matches("CreateTime:\\d{13}\tPartition:0\tOffset:0\tk\tv");
    }

    @Test
    void linesWithoutAKeyAreValuesWithANullKey() {
        Result produced = runWithInput("plain one\nplain two\n", "console-producer", "--bootstrap-server", bootstrap,
            "--topic", "plain");
        assertThat(produced.exitCode()).as(produced.err()).isZero();
        Result r = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "plain", "--from-beginning",
            "--max-messages", "2", "--property", "print.key=true");
        assertThat(r.outLines()).containsExactly("null\tplain one", "null\tplain two");
    }

    @Test
    void everyCompressionCodecRoundTrips() {
        for (String codec : new String[] {"gzip", "snappy", "lz4", "zstd"}) {
            produce("compressed-" + codec, "a-1\nb-2\n", "--compression-codec", codec);
            Result r = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "compressed-" + codec,
                "--from-beginning", "--max-messages", "2");
            assertThat(r.outLines()).as(codec).containsExactly("1", "2");
        }
        // Kafka's --compression-codec without a value means gzip
        produce("compressed-default", "a-1\n", "--compression-codec");
        assertThat(run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "compressed-default",
            "--from-beginning", "--max-messages", "1").outLines()).containsExactly("1");
    }

    @Test
    void anUnknownCodecIsAUsageError() {
        Result r = runWithInput("a\n", "console-producer", "--bootstrap-server", bootstrap, "--topic", "t",
            "--compression-codec", "brotli");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--compression-codec brotli is not one of", "Usage: console-producer");
    }

    @Test
    void aLineWithoutTheSeparatorStopsTheProducerNamingTheLine() {
        Result r = runWithInput("a-1\nno separator\n", "console-producer", "--bootstrap-server", bootstrap, "--topic",
            "strict", "--property", "parse.key=true", "--property", "key.separator=-");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no key separator '-' on line 2: 'no separator'");
    }

    @Test
    void aNamedGroupResumesWhereItStopped() {
        produce("orders", "a-1\nb-2\n");
        Result first = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "orders",
            "--from-beginning", "--group", "billing", "--timeout-ms", "1500");
        assertThat(first.outLines()).containsExactly("1", "2");
        assertThat(first.err()).contains("Processed a total of 2 messages");

        produce("orders", "c-3\n");
        Result second = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "orders",
            "--group", "billing", "--max-messages", "1", "--timeout-ms", "10000");
        assertThat(second.outLines()).containsExactly("3"); // the committed offset, not the end of the topic
    }

    @Test
    void timeoutMsEndsAnIdleConsumer() {
        long start = System.nanoTime();
        Result r = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "idle", "--timeout-ms", "500");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Processed a total of 0 messages");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void ctrlCStopsAConsumerThatRunsUntilStopped() throws Exception {
        ToolRunner.Running consumer = ToolRunner.start("console-consumer", "--bootstrap-server", bootstrap,
            "--topic", "live");
        // it starts at the end of the topic: produce until a record arrives after it has joined
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            produce("live", "k-ping\n");
            return consumer.out().contains("ping");
        });
        Result r = consumer.stop();
        assertThat(r.exitCode()).isZero();
        assertThat(r.outLines()).isNotEmpty().allMatch("ping"::equals);
        assertThat(r.err()).contains("Processed a total of " + r.outLines().size() + " messages");
    }

    @Test
    void aPartitionCanBeReadFromAnOffsetWithoutAGroup() {
        produce("offsets", FOODS, "--sync", "--request-required-acks", "1");
        Result r = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "offsets", "--partition", "0",
            "--offset", "1", "--max-messages", "2", "--property", "print.offset=true");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("Offset:1\tcarrot", "Offset:2\tbanana");

        Result missing = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "offsets",
            "--partition", "5");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("partition 5 of offsets does not exist (it has 1)");

        Result noPartition = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "offsets",
            "--offset", "1");
        assertThat(noPartition.exitCode()).isEqualTo(2);
        assertThat(noPartition.err()).startsWith("console-consumer: --offset needs --partition");
    }
}
