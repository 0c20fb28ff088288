package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.connect.runtime.FileOffsetStore;
import io.tributary.connect.runtime.TaskState;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file → topic → file through two standalone workers and the embedded broker. */
@EmbeddedBroker(properties = {"num.partitions=1"})
class FileRoundTripTest {
    private static final int LINES = 10_000;

    @BootstrapServers
    static String bootstrap;

    @TempDir
    Path dir;

    private Map<String, String> worker(String offsetsFile) {
        return Map.of(
            "bootstrap.servers", bootstrap,
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter",
            "offset.storage.file.filename", dir.resolve(offsetsFile).toString(),
            "offset.flush.interval.ms", "100",
            // Port 0: test runs in parallel must not compete for 8083.
            "listeners", "http://127.0.0.1:0");
    }

    private Map<String, String> source(String connectorClass, Path in) {
        return Map.of("name", "file-source", "connector.class", connectorClass, "tasks.max", "1",
            "file", in.toString(), "topic", "lines", "batch.size", "100");
    }

    @Test
    void tenThousandLinesArriveOnceAndInOrderAcrossRestartsMidFile() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        // Varying lengths, non-ASCII text, one CRLF line ending in every hundred.
        List<String> lines = IntStream.range(0, LINES)
            .mapToObj(i -> "line " + i + " " + "x".repeat(i % 37) + (i % 7 == 0 ? " é漢" : "")).toList();
        write(in, lines.subList(0, 9_000), StandardOpenOption.CREATE_NEW);

        Map<String, String> sinkConfig = Map.of(
            "name", "file-sink", "connector.class", "FileStreamSink", "topics", "lines", "file", out.toString());
        ConnectStandalone sink = ConnectStandalone.start(worker("sink-offsets.json"), List.of(sinkConfig));
        GatedFileStreamSourceConnector.LIMIT.set(3_000);
        GatedFileStreamSourceConnector.EMITTED.set(0);
        ConnectStandalone source = ConnectStandalone.start(worker("source-offsets.json"),
            List.of(source(GatedFileStreamSourceConnector.class.getName(), in)));

        await().atMost(Duration.ofSeconds(20))
            .until(() -> GatedFileStreamSourceConnector.EMITTED.get() >= 3_000 && lineCount(out) >= 3_000);
        int emitted = GatedFileStreamSourceConnector.EMITTED.get();
        source.close();
        // The sink restarts too: it resumes from its committed offsets, appending to the same file.
        sink.close();
        sink = ConnectStandalone.start(worker("sink-offsets.json"), List.of(sinkConfig));

        // Stopped mid-file: the stored position is right after the last line sent, well before the end.
        long stored = ((Number) new FileOffsetStore(dir.resolve("source-offsets.json"))
            .offset("file-source", Map.of("filename", in.toString())).get("position")).longValue();
        assertThat(stored).isEqualTo(bytesOf(lines.subList(0, emitted))).isLessThan(Files.size(in));

        source = ConnectStandalone.start(worker("source-offsets.json"),
            List.of(source("FileStreamSource", in)));
        // Lines appended while the source runs are followed.
        write(in, lines.subList(9_000, LINES), StandardOpenOption.APPEND);

        await().atMost(Duration.ofSeconds(20)).until(() -> lineCount(out) >= LINES);
        assertThat(source.worker().taskStates("file-source")).extracting(TaskState::state)
            .containsOnly(TaskState.State.RUNNING);
        source.close();
        sink.close();

        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactlyElementsOf(lines);
        assertThat(endOffset("lines")).as("records in the topic").isEqualTo(LINES);
    }

    @Test
    void propertiesFilesInKafkasFormatRunAJsonPipeline() throws Exception {
        Path in = dir.resolve("events.txt");
        Path out = dir.resolve("events.out");
        Files.writeString(in, "alpha\nbeta\n", StandardCharsets.UTF_8);
        Path workerFile = dir.resolve("worker.properties");
        Files.writeString(workerFile, String.join("\n",
            "bootstrap.servers=" + bootstrap,
            "key.converter=org.apache.kafka.connect.json.JsonConverter",
            "value.converter=org.apache.kafka.connect.json.JsonConverter",
            "key.converter.schemas.enable=false",
            "value.converter.schemas.enable=true",
            "offset.storage.file.filename=" + dir.resolve("connect.offsets"),
            "offset.flush.interval.ms=100", "listeners=http://127.0.0.1:0", ""));
        Path sourceFile = dir.resolve("connect-file-source.properties");
        Files.writeString(sourceFile, String.join("\n", "name=local-file-source",
            "connector.class=FileStreamSource", "tasks.max=1", "file=" + in, "topic=connect-test", ""));
        Path sinkFile = dir.resolve("connect-file-sink.properties");
        Files.writeString(sinkFile, String.join("\n", "name=local-file-sink",
            "connector.class=FileStreamSink", "tasks.max=1", "file=" + out, "topics=connect-test", ""));

        ConnectStandalone connect = ConnectStandalone.fromArgs(workerFile.toString(), sourceFile.toString(),
            sinkFile.toString());
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> lineCount(out) >= 2);
        } finally {
            connect.close();
        }
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactly("alpha", "beta");
        assertThat(firstValue("connect-test"))
            .isEqualTo("{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"alpha\"}");
    }

    @Test
    void aFailedTaskIsReportedAndTheOtherConnectorsGoOn() throws Exception {
        Path in = dir.resolve("ok.txt");
        Files.writeString(in, "one\ntwo\n", StandardCharsets.UTF_8);
        ConnectStandalone connect = ConnectStandalone.start(worker("offsets.json"), List.of(
            // A directory cannot be appended to: the sink task fails in start().
            Map.of("name", "broken-sink", "connector.class", "FileStreamSink", "topics", "x", "file", dir.toString()),
            Map.of("name", "good-source", "connector.class", "FileStreamSource", "file", in.toString(),
                "topic", "good")));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                connect.worker().taskStates("broken-sink").get(0).state() == TaskState.State.FAILED);
            TaskState failed = connect.worker().taskStates("broken-sink").get(0);
            assertThat(failed.id()).isEqualTo("broken-sink-0");
            assertThat(failed.failure()).hasMessageContaining("cannot open " + dir);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> endOffset("good") == 2);
            assertThat(connect.worker().taskStates("good-source")).extracting(TaskState::state)
                .containsExactly(TaskState.State.RUNNING);
        } finally {
            connect.close();
        }
    }

    private static String firstValue(String topic) {
        try (TributaryConsumer<byte[], byte[]> c = TributaryConsumer.create(Map.of("bootstrap.servers", bootstrap,
                "auto.offset.reset", "earliest"), Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            for (int i = 0; i < 50; i++) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    return new String(r.value(), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    private static void write(Path file, List<String> lines, StandardOpenOption option) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(lines.get(i)).append(i % 100 == 99 ? "\r\n" : "\n");
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8, option, StandardOpenOption.WRITE);
    }

    /** Bytes of the lines as {@link #write} writes them from the start of the file. */
    private static long bytesOf(List<String> lines) {
        long n = 0;
        for (int i = 0; i < lines.size(); i++) {
            n += lines.get(i).getBytes(StandardCharsets.UTF_8).length + (i % 100 == 99 ? 2 : 1);
        }
        return n;
    }

    private static long lineCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var s = Files.lines(file, StandardCharsets.UTF_8)) {
            return s.count();
        }
    }

    private static long endOffset(String topic) {
        try (TributaryConsumer<byte[], byte[]> c = TributaryConsumer.create(Map.of("bootstrap.servers", bootstrap),
                Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }
}
