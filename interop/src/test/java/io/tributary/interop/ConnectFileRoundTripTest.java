package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.connect.connector.Task;
import io.tributary.connect.file.FileStreamSourceConnector;
import io.tributary.connect.file.FileStreamSourceTask;
import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.connect.runtime.FileOffsetStore;
import io.tributary.connect.runtime.TaskState;
import io.tributary.connect.source.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tributary Connect's file source → topic → file sink on both brokers: 10,000 lines arrive identical and in order,
 * and stopping the source mid-file and starting it again neither duplicates nor loses a line.
 */
@Tag("interop")
class ConnectFileRoundTripTest {
    private static final int LINES = 10_000;
    private static final int STOP_AFTER = 3_000;

    @TempDir
    Path dir;

    /** The file source, but its task returns no more lines once {@link #LIMIT} were returned. */
    public static class GatedFileSource extends FileStreamSourceConnector {
        static final AtomicInteger LIMIT = new AtomicInteger(Integer.MAX_VALUE);
        static final AtomicInteger EMITTED = new AtomicInteger();

        @Override
        public Class<? extends Task> taskClass() {
            return GatedTask.class;
        }

        /** Returns lines until the limit, then idles. */
        public static class GatedTask extends FileStreamSourceTask {
            @Override
            public List<SourceRecord> poll() throws InterruptedException {
                if (EMITTED.get() >= LIMIT.get()) {
                    Thread.sleep(20); // the task's own idle wait, as a source without data does
                    return null;
                }
                List<SourceRecord> records = super.poll();
                if (records != null) {
                    EMITTED.addAndGet(records.size());
                }
                return records;
            }
        }
    }

    private Map<String, String> worker(TestCluster cluster, String offsetsFile) {
        return Map.of(
            "bootstrap.servers", cluster.bootstrapServers(),
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter",
            "offset.storage.file.filename", dir.resolve(offsetsFile).toString(),
            "offset.flush.interval.ms", "100",
            "listeners", "http://127.0.0.1:0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void tenThousandLinesArriveOnceAndInOrderAcrossASourceRestartMidFile(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("connect-lines");
        Topics.create(cluster.bootstrapServers(), topic, 1);
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        List<String> lines = IntStream.range(0, LINES)
            .mapToObj(i -> "line " + i + " " + "x".repeat(i % 41) + (i % 9 == 0 ? " é漢" : "")).toList();
        write(in, lines.subList(0, 9_000), StandardOpenOption.CREATE_NEW);

        String sourceName = Clusters.uniqueName("file-source");
        Map<String, String> sinkConfig = Map.of("name", Clusters.uniqueName("file-sink"),
            "connector.class", "FileStreamSink", "topics", topic, "file", out.toString());
        ConnectStandalone sink = ConnectStandalone.start(worker(cluster, "sink.offsets"), List.of(sinkConfig));
        ConnectStandalone source = null;
        try {
            GatedFileSource.LIMIT.set(STOP_AFTER);
            GatedFileSource.EMITTED.set(0);
            source = ConnectStandalone.start(worker(cluster, "source.offsets"), List.of(Map.of("name", sourceName,
                "connector.class", GatedFileSource.class.getName(), "file", in.toString(), "topic", topic,
                "batch.size", "100")));
            await().atMost(Duration.ofSeconds(30))
                .until(() -> GatedFileSource.EMITTED.get() >= STOP_AFTER && lineCount(out) >= STOP_AFTER);
            int emitted = GatedFileSource.EMITTED.get();
            source.close();

            // Stopped mid-file: the stored position is right after the last line sent.
            long stored = ((Number) new FileOffsetStore(dir.resolve("source.offsets"))
                .offset(sourceName, Map.of("filename", in.toString())).get("position")).longValue();
            assertThat(stored).isEqualTo(bytesOf(lines.subList(0, emitted))).isLessThan(Files.size(in));

            source = ConnectStandalone.start(worker(cluster, "source.offsets"), List.of(Map.of("name", sourceName,
                "connector.class", "FileStreamSource", "file", in.toString(), "topic", topic)));
            write(in, lines.subList(9_000, LINES), StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(60)).until(() -> lineCount(out) >= LINES);
            assertThat(source.worker().taskStates(sourceName)).extracting(TaskState::state)
                .containsOnly(TaskState.State.RUNNING);
        } finally {
            if (source != null) {
                source.close();
            }
            sink.close();
        }

        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactlyElementsOf(lines);
        List<ConsumerRecord<byte[], byte[]>> records = Topics.readAll(cluster.bootstrapServers(), topic, 1, LINES);
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
            .as("the topic holds each line once, in order").containsExactlyElementsOf(lines);
    }

    private static void write(Path file, List<String> lines, StandardOpenOption option) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8, option, StandardOpenOption.WRITE);
    }

    private static long bytesOf(List<String> lines) {
        long n = 0;
        for (String l : lines) {
            n += l.getBytes(StandardCharsets.UTF_8).length + 1;
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
}
