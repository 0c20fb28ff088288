package io.tributary.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreTest {
    @TempDir
    Path tmp;
    private final MockTime time = new MockTime();
    private final LogConfig config = LogConfig.from(Map.of(LogConfig.SEGMENT_BYTES, 512,
        LogConfig.FILE_DELETE_DELAY_MS, 0L, LogConfig.RETENTION_BYTES, 1024L));
    private final LogStore.Options manual = LogStore.Options.manual();

    private LogStore open() throws IOException {
        return LogStore.open(List.of(tmp.resolve("a"), tmp.resolve("b")), time, manual, topic -> config);
    }

    @Test
    void partitionsSpreadOverDirectoriesAndSurviveACleanRestart() throws IOException {
        LogStore store = open();
        for (int p = 0; p < 4; p++) {
            PartitionLog log = store.getOrCreate(new TopicPartition("orders", p), config);
            for (int i = 0; i < 3; i++) {
                log.append(TestBatches.batch(i * 2, 2, time.milliseconds()));
            }
        }
        assertThat(Files.list(tmp.resolve("a")).filter(Files::isDirectory).count()).isEqualTo(2);
        assertThat(Files.list(tmp.resolve("b")).filter(Files::isDirectory).count()).isEqualTo(2);
        store.close();
        assertThat(tmp.resolve("a").resolve(LogStore.CLEAN_SHUTDOWN_FILE)).exists();
        assertThat(new OffsetCheckpointFile(tmp.resolve("a").resolve(LogStore.RECOVERY_POINT_CHECKPOINT)).read())
            .hasSize(2).containsValues(6L);

        LogStore again = open();
        assertThat(tmp.resolve("a").resolve(LogStore.CLEAN_SHUTDOWN_FILE)).doesNotExist();
        assertThat(again.all()).hasSize(4);
        for (int p = 0; p < 4; p++) {
            PartitionLog log = again.get(new TopicPartition("orders", p)).orElseThrow();
            assertThat(log.logEndOffset()).isEqualTo(6);
            assertThat(TestBatches.readAll(log, 0)).hasSize(6);
        }
        again.close();
    }

    @Test
    void afterACrashEveryPartitionIsRecovered() throws IOException {
        LogStore store = open();
        TopicPartition tp = new TopicPartition("events-with-dash", 3);
        PartitionLog log = store.getOrCreate(tp, config);
        for (int i = 0; i < 5; i++) {
            log.append(TestBatches.batch(i * 3, 3, time.milliseconds()));
        }
        store.abandon();
        LogStore again = open();
        PartitionLog recovered = again.get(tp).orElseThrow();
        assertThat(recovered.logEndOffset()).isEqualTo(15);
        assertThat(TestBatches.readAll(recovered, 0)).hasSize(15);
        again.close();
    }

    @Test
    void logStartOffsetsAreCheckpointedAndRestored() throws IOException {
        LogStore store = open();
        TopicPartition tp = new TopicPartition("t", 0);
        PartitionLog log = store.getOrCreate(tp, config);
        log.append(TestBatches.batch(0, 10, time.milliseconds()));
        log.deleteRecordsBefore(4);
        store.close();
        LogStore again = open();
        assertThat(again.get(tp).orElseThrow().logStartOffset()).isEqualTo(4);
        again.close();
    }

    @Test
    void retentionRunsOverAllLogsAndDeleteRemovesFiles() throws IOException {
        LogStore store = open();
        TopicPartition tp = new TopicPartition("t", 0);
        PartitionLog log = store.getOrCreate(tp, config);
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(i * 2, 2, time.milliseconds()));
        }
        assertThat(log.size()).isGreaterThan(1024);
        assertThat(store.applyRetention()).isPositive();
        // as in Kafka, whole segments go while the rest still holds retention.bytes: at most one segment more remains
        assertThat(log.size()).isLessThan(1024 + 512);
        Path dir = log.dir();
        store.delete(tp);
        assertThat(dir).doesNotExist();
        assertThat(store.get(tp)).isEmpty();
        store.close();
    }

    @Test
    void aMalformedCheckpointIsIgnoredNotFatal() throws IOException {
        Files.createDirectories(tmp.resolve("a"));
        Files.writeString(tmp.resolve("a").resolve(LogStore.RECOVERY_POINT_CHECKPOINT), "0\n5\nbroken line\n");
        LogStore store = open();
        assertThat(store.all()).isEmpty();
        store.close();
    }

    @Test
    void compactedTopicsAreCleanedAndTheCleanerPositionSurvivesARestart() throws IOException {
        LogConfig compacted = LogConfig.from(Map.of(LogConfig.SEGMENT_BYTES, 300, LogConfig.CLEANUP_POLICY, "compact",
            LogConfig.FILE_DELETE_DELAY_MS, 0L));
        LogStore store = LogStore.open(List.of(tmp.resolve("a")), time, manual, topic -> compacted);
        TopicPartition tp = new TopicPartition("table", 0);
        PartitionLog log = store.getOrCreate(tp, compacted);
        for (int round = 0; round < 10; round++) {
            io.tributary.record.RecordBatchBuilder b = new io.tributary.record.RecordBatchBuilder(0);
            for (int k = 0; k < 3; k++) {
                b.append(time.milliseconds(), TestBatches.bytes("key" + k), TestBatches.bytes("round" + round));
            }
            log.append(b.build());
        }
        log.roll();
        Map<TopicPartition, CleanResult> cleaned = store.cleanNow();
        assertThat(cleaned).containsKey(tp);
        assertThat(TestBatches.readAll(log, log.logStartOffset())).extracting(r -> TestBatches.text(r.value()))
            .containsOnly("round9").hasSize(3);
        assertThat(new OffsetCheckpointFile(tmp.resolve("a").resolve(LogStore.CLEANER_OFFSET_CHECKPOINT)).read())
            .containsEntry(tp, 30L);
        store.close();

        LogStore again = LogStore.open(List.of(tmp.resolve("a")), time, manual, topic -> compacted);
        assertThat(again.cleanNow()).isEmpty();
        assertThat(again.get(tp).orElseThrow().logStartOffset()).isZero();
        assertThat(TestBatches.readAll(again.get(tp).orElseThrow(), 0)).hasSize(3);
        again.close();
    }
}
