package io.tributary.cli;

import static io.tributary.cli.ToolRunner.run;
import static io.tributary.cli.ToolRunner.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.ToolRunner.Result;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delete-records} with Kafka's offset JSON file, against an in-process broker-lite. */
@EmbeddedBroker(properties = {"num.partitions=1", "auto.create.topics.enable=false"})
class DeleteRecordsToolTest {
    @BootstrapServers
    String bootstrap;

    @TempDir
    Path dir;

    private Path json(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Result deleteRecords(Path file) {
        return run("delete-records", "--bootstrap-server", bootstrap, "--offset-json-file", file.toString());
    }

    @Test
    void deletesRecordsBelowTheOffsetsInTheFile() throws Exception {
        assertThat(run("topics", "--bootstrap-server", bootstrap, "--create", "--topic", "trim").exitCode()).isZero();
        Result produced = runWithInput("1\n2\n3\n4\n5\n", "console-producer", "--bootstrap-server", bootstrap,
            "--topic", "trim");
        assertThat(produced.exitCode()).as(produced.err()).isZero();

        Path file = json("offsets.json",
            "{\"partitions\": [{\"topic\": \"trim\", \"partition\": 0, \"offset\": 3}], \"version\": 1}");
        Result r = deleteRecords(file);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("Executing records delete operation",
            "Records delete operation completed:", "partition: trim-0\tlow_watermark: 3");

        Result consumed = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "trim",
            "--from-beginning", "--max-messages", "2", "--property", "print.offset=true");
        assertThat(consumed.outLines()).containsExactly("Offset:3\t4", "Offset:4\t5");

        // -1: everything up to the end; an unknown partition fails on its own line
        Path all = json("all.json", "{\"partitions\":[{\"topic\":\"trim\",\"partition\":0,\"offset\":-1},"
            + "{\"topic\":\"trim\",\"partition\":7,\"offset\":1}],\"version\":1}");
        Result mixed = deleteRecords(all);
        assertThat(mixed.exitCode()).isEqualTo(1);
        assertThat(mixed.outLines()).containsExactly("Executing records delete operation",
            "Records delete operation completed:", "partition: trim-0\tlow_watermark: 5",
            "partition: trim-7\terror: partition trim-7 does not exist");
        assertThat(mixed.err()).isEqualTo("delete-records: some partitions failed (see above)\n");
    }

    @Test
    void aBadFileIsExplainedBeforeConnecting() throws Exception {
        Result missing = deleteRecords(dir.resolve("nope.json"));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("delete-records: --offset-json-file: no such file ");

        Result broken = deleteRecords(json("broken.json", "{\"partitions\": ["));
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("is not valid JSON");

        Result noList = deleteRecords(json("nolist.json", "{\"version\": 1}"));
        assertThat(noList.exitCode()).isEqualTo(1);
        assertThat(noList.err()).contains("has no \"partitions\" list (expected: {\"partitions\":[");

        Result noOffset = deleteRecords(json("nooffset.json", "{\"partitions\":[{\"topic\":\"t\",\"partition\":0}]}"));
        assertThat(noOffset.exitCode()).isEqualTo(1);
        assertThat(noOffset.err()).contains("needs a topic, a partition and an offset");

        Result noFlag = run("delete-records", "--bootstrap-server", bootstrap);
        assertThat(noFlag.exitCode()).isEqualTo(2);
        assertThat(noFlag.err()).startsWith("delete-records: missing required flag --offset-json-file")
            .contains("Usage: delete-records");
    }
}
