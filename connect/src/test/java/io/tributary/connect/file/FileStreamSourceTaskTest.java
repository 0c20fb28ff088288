package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.source.OffsetStorageReader;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTaskContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStreamSourceTaskTest {
    @TempDir
    Path dir;

    private FileStreamSourceTask task(Path file, int batchSize, Map<String, Object> storedOffset) {
        FileStreamSourceTask t = new FileStreamSourceTask();
        OffsetStorageReader reader = partition -> storedOffset;
        Map<String, String> props = Map.of("file", file.toString(), "topic", "t", "batch.size", "" + batchSize);
        t.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return reader;
            }
        });
        t.start(props);
        return t;
    }

    private static List<Object> values(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::value).toList();
    }

    @Test
    void readsCompleteLinesOnlyAndFollowsAppends() throws Exception {
        Path f = dir.resolve("in.txt");
        FileStreamSourceTask t = task(f, 10, null);
        assertThat(t.poll()).as("no file yet").isNull();

        Files.writeString(f, "one\r\ntwo\nthr", StandardCharsets.UTF_8);
        List<SourceRecord> first = t.poll();
        assertThat(values(first)).containsExactly("one", "two");
        assertThat(first.get(0).sourcePartition()).isEqualTo(Map.of("filename", f.toString()));
        assertThat(first.get(0).sourceOffset()).isEqualTo(Map.of("position", 5L));
        assertThat(first.get(1).sourceOffset()).isEqualTo(Map.of("position", 9L));
        assertThat(first.get(0).topic()).isEqualTo("t");
        assertThat(t.poll()).as("the last line has no newline yet").isNull();

        Files.writeString(f, "ee\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<SourceRecord> second = t.poll();
        assertThat(values(second)).containsExactly("three");
        assertThat(second.get(0).sourceOffset()).isEqualTo(Map.of("position", 15L));
        t.stop();
        assertThat(t.poll()).isNull();
    }

    @Test
    void resumesAtTheStoredPositionAndHonoursBatchSize() throws Exception {
        Path f = dir.resolve("in.txt");
        Files.writeString(f, "a\nb\nc\nd\ne\n", StandardCharsets.UTF_8);
        FileStreamSourceTask t = task(f, 2, Map.of("position", 4));
        assertThat(values(t.poll())).containsExactly("c", "d");
        assertThat(values(t.poll())).containsExactly("e");
        assertThat(t.poll()).isNull();
        t.stop();
    }

    @Test
    void aLineLongerThanTheBufferIsReadWhole() throws Exception {
        Path f = dir.resolve("in.txt");
        String longLine = "x".repeat(200_000);
        Files.writeString(f, longLine + "\nshort\n", StandardCharsets.UTF_8);
        FileStreamSourceTask t = task(f, 10, null);
        assertThat(values(t.poll())).containsExactly(longLine, "short");
        t.stop();
    }

    @Test
    void aFileShorterThanTheStoredPositionIsReadFromTheStart() throws Exception {
        Path f = dir.resolve("in.txt");
        Files.writeString(f, "new\n", StandardCharsets.UTF_8);
        FileStreamSourceTask t = task(f, 10, Map.of("position", 1000L));
        assertThat(values(t.poll())).containsExactly("new");
        t.stop();
    }
}
