package io.tributary.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import io.tributary.record.CompressionType;
import io.tributary.record.Record;
import io.tributary.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes: the active segment cut at arbitrary byte positions, garbage after the last batch, damaged and missing
 * indexes, a log abandoned without closing. After an unclean reopen the log holds exactly the complete batches
 * before the damage, with no exception, and appends continue at the right offset.
 */
class LogRecoveryTest {
    @TempDir
    Path tmp;
    private final MockTime time = new MockTime();
    private final LogConfig config = LogConfig.from(Map.of(LogConfig.SEGMENT_BYTES, 1024,
        LogConfig.INDEX_INTERVAL_BYTES, 100, LogConfig.FILE_DELETE_DELAY_MS, 0L));

    /** Appends 12 batches of varied sizes and codecs; returns the end offset of each batch. */
    private List<Long> fill(PartitionLog log) {
        List<Long> ends = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 12; i++) {
            RecordBatchBuilder b = new RecordBatchBuilder(0).compression(CompressionType.values()[i % 5]);
            int n = 1 + r.nextInt(20);
            for (int j = 0; j < n; j++) {
                b.append(time.milliseconds() + i, TestBatches.bytes("k" + j), TestBatches.bytes("value " + i + "/" + j));
            }
            ends.add(log.append(b.build()).lastOffset() + 1);
        }
        return ends;
    }

    private PartitionLog open(boolean clean) throws IOException {
        return PartitionLog.open(tmp.resolve("c-0"), config, time, null, 0, 0, clean);
    }

    private Path activeLogFile(PartitionLog log) {
        List<Long> bases = log.segmentBaseOffsets();
        return log.dir().resolve(LogSegment.fileName(bases.get(bases.size() - 1), LogSegment.LOG_SUFFIX));
    }

    @Test
    void everyCutOfTheActiveSegmentRecoversToTheLastCompleteBatch() throws IOException {
        PartitionLog log = open(true);
        List<Long> ends = fill(log);
        log.roll();
        List<Long> tailEnds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tailEnds.add(log.append(TestBatches.batch(i * 4, 4, time.milliseconds())).lastOffset() + 1);
        }
        Path active = activeLogFile(log);
        log.close();
        byte[] original = Files.readAllBytes(active);
        long activeBase = ends.get(ends.size() - 1);
        List<Integer> boundaries = batchBoundaries(original);
        Random r = new Random(2);
        for (int trial = 0; trial < 25; trial++) {
            int cut = trial == 0 ? original.length - 1 : r.nextInt(original.length);
            byte[] torn = java.util.Arrays.copyOf(original, cut);
            if (trial % 3 == 0) {
                // a torn write may also leave garbage where the batch should continue
                torn = java.util.Arrays.copyOf(torn, cut + 30);
            }
            Files.write(active, torn);
            byte[] now = torn;
            // a batch survives when every one of its bytes is still the original (zero padding can recreate a tail)
            int complete = (int) boundaries.stream().filter(b -> b > 0 && b <= now.length
                && java.util.Arrays.equals(now, 0, b, original, 0, b)).count();
            long expectedEnd = complete == 0 ? activeBase : tailEnds.get(complete - 1);

            PartitionLog reopened = open(false);
            assertThat(reopened.logEndOffset()).as("cut at " + cut).isEqualTo(expectedEnd);
            List<Record> all = TestBatches.readAll(reopened, 0);
            assertThat(all).hasSize((int) expectedEnd);
            assertThat(reopened.append(TestBatches.batch(0, 1, time.milliseconds())).firstOffset())
                .isEqualTo(expectedEnd);
            reopened.close();
            Files.write(active, original);
            Files.deleteIfExists(tmp.resolve("c-0").resolve(LogSegment.fileName(activeBase, LogSegment.INDEX_SUFFIX)));
        }
    }

    @Test
    void damagedAndMissingIndexesAreRebuilt() throws IOException {
        PartitionLog log = open(true);
        List<Long> ends = fill(log);
        long end = log.logEndOffset();
        List<Long> bases = log.segmentBaseOffsets();
        assertThat(bases.size()).isGreaterThan(1);
        log.close();
        Path dir = tmp.resolve("c-0");
        Files.delete(dir.resolve(LogSegment.fileName(bases.get(0), LogSegment.INDEX_SUFFIX)));
        try (FileChannel ch = FileChannel.open(dir.resolve(LogSegment.fileName(bases.get(1), LogSegment.INDEX_SUFFIX)),
            StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0, 0, 0, 0, 0, 0, 0, 0}), 0);
        }
        for (boolean clean : new boolean[] {true, false}) {
            PartitionLog reopened = open(clean);
            assertThat(reopened.logEndOffset()).isEqualTo(end);
            for (long offset = 0; offset < end; offset += 7) {
                assertThat(TestBatches.readAll(reopened, offset).get(0).offset()).isEqualTo(offset);
            }
            assertThat(ends).contains(end);
            reopened.close();
        }
    }

    @Test
    void aLogAbandonedWithoutCloseRecoversEverythingWritten() throws IOException {
        PartitionLog log = open(true);
        fill(log);
        long end = log.logEndOffset();
        List<Record> before = TestBatches.readAll(log, 0);
        // no close: the active segment's indexes are still preallocated and untrimmed, as after a power cut
        PartitionLog reopened = open(false);
        assertThat(reopened.logEndOffset()).isEqualTo(end);
        assertThat(TestBatches.valuesByOffset(TestBatches.readAll(reopened, 0)))
            .isEqualTo(TestBatches.valuesByOffset(before));
        assertThat(reopened.append(TestBatches.batch(0, 1, 1)).firstOffset()).isEqualTo(end);
        reopened.close();
    }

    @Test
    void aCorruptBatchInTheMiddleCutsTheLogThereAndDropsLaterSegments() throws IOException {
        PartitionLog log = open(true);
        List<Long> ends = fill(log);
        List<Long> bases = log.segmentBaseOffsets();
        log.close();
        Path first = tmp.resolve("c-0").resolve(LogSegment.fileName(bases.get(0), LogSegment.LOG_SUFFIX));
        byte[] bytes = Files.readAllBytes(first);
        List<Integer> boundaries = batchBoundaries(bytes);
        int victim = boundaries.get(2);
        try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
            raf.seek(victim + 70);
            raf.write(raf.read() ^ 0x40);
        }
        PartitionLog reopened = open(false);
        assertThat(reopened.logEndOffset()).isEqualTo(ends.get(1));
        assertThat(reopened.segmentBaseOffsets()).containsExactly(bases.get(0));
        assertThat(TestBatches.readAll(reopened, 0)).hasSize(ends.get(1).intValue());
        reopened.close();
    }

    /** Positions where batches start in a segment file, plus its end. */
    private static List<Integer> batchBoundaries(byte[] file) {
        List<Integer> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(file);
        int p = 0;
        while (p + 12 <= file.length) {
            out.add(p);
            p += buf.getInt(p + 8) + 12;
        }
        out.add(p);
        out.remove(0);
        out.add(0, 0);
        return out;
    }
}
