package io.tributary.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts at each step of a segment swap leave a consistent, complete log. */
class LogCleanerCrashTest {
    @TempDir
    Path dir;

    private CleanerFixture f;
    private LogCleaner cleaner;
    private LogSegment first;
    private long mappedEnd;

    private LogSegment writeCleanedCopyOfFirstSegment() throws Exception {
        f = new CleanerFixture(dir, Map.of());
        f.append("only-once", "survives compaction of the first segment");
        for (int i = 0; i < 80; i++) {
            f.append("k" + i % 6, "v" + i);
        }
        f.log.roll();
        f.append("k0", "active");
        cleaner = new LogCleaner(f.time, 100);
        List<LogCleaner.Span> spans = LogCleaner.spans(f.log);
        first = spans.get(0).segment();
        mappedEnd = cleaner.buildOffsetMap(spans, 0, f.config);
        assertThat(mappedEnd).isEqualTo(f.activeBase());
        LogSegment cleaned = new CompactedSegmentWriter(cleaner.offsetMap(), mappedEnd, false)
            .write(first, dir, f.config, f.time);
        assertThat(cleaned).isNotNull();
        assertThat(files(".cleaned")).hasSize(3);
        return cleaned;
    }

    /** The original records, with the first segment's compacted. */
    private TreeMap<Long, Record> expectedWithFirstSegmentCompacted(long firstEnd) {
        TreeMap<Long, Record> expected = new TreeMap<>(f.appended.tailMap(firstEnd));
        expected.putAll(f.expectedAfterCompaction(mappedEnd, false).headMap(firstEnd));
        return expected;
    }

    private List<String> files(String suffix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).toList();
        }
    }

    private void assertNoLeftovers() throws Exception {
        assertThat(files(".cleaned")).isEmpty();
        assertThat(files(".swap")).isEmpty();
        assertThat(files(".deleted")).isEmpty();
        assertThat(files(".log")).hasSize(f.log.numberOfSegments());
    }

    private void assertCompactsFullyAfterwards() throws Exception {
        CleanResult r = new LogCleaner(f.time, 100).clean(f.log, 0);
        assertThat(f.records(f.log)).containsExactlyEntriesOf(f.expectedAfterCompaction(r.firstDirtyOffset(), false));
    }

    @Test
    void crashAfterWritingCleanedFilesKeepsTheOriginalSegment() throws Exception {
        LogSegment cleaned = writeCleanedCopyOfFirstSegment();
        cleaned.close();
        f.reopen(false);
        assertNoLeftovers();
        assertThat(f.records(f.log)).containsExactlyEntriesOf(f.appended);
        assertCompactsFullyAfterwards();
    }

    @Test
    void crashAfterRenamingToSwapCompletesTheSwap() throws Exception {
        LogSegment cleaned = writeCleanedCopyOfFirstSegment();
        long firstEnd = LogCleaner.spans(f.log).get(1).segment().baseOffset();
        LogCleaner.commit(cleaned);
        assertThat(files(".swap")).hasSize(3);
        cleaned.close();
        f.reopen(false);
        assertNoLeftovers();
        TreeMap<Long, Record> expected = expectedWithFirstSegmentCompacted(firstEnd);
        assertThat(expected).hasSizeLessThan(f.appended.size());
        assertThat(f.records(f.log)).containsExactlyEntriesOf(expected);
        assertThat(f.log.offsetForTimestamp(expected.firstEntry().getValue().timestamp()))
            .map(TimestampAndOffset::offset).contains(expected.firstKey());
        assertCompactsFullyAfterwards();
    }

    @Test
    void crashBetweenTheLogAndIndexRenamesRebuildsTheIndexes() throws Exception {
        LogSegment cleaned = writeCleanedCopyOfFirstSegment();
        long firstEnd = LogCleaner.spans(f.log).get(1).segment().baseOffset();
        cleaned.close();
        String log = LogSegment.fileName(first.baseOffset(), LogSegment.LOG_SUFFIX);
        Files.move(dir.resolve(log + ".cleaned"), dir.resolve(log + ".swap"));
        f.reopen(true); // even a clean shutdown must not trust the old segment's indexes
        assertNoLeftovers();
        TreeMap<Long, Record> expected = expectedWithFirstSegmentCompacted(firstEnd);
        assertThat(f.records(f.log)).containsExactlyEntriesOf(expected);
        for (Record r : expected.headMap(firstEnd).values()) {
            assertThat(f.log.offsetForTimestamp(r.timestamp())).map(TimestampAndOffset::offset).contains(r.offset());
        }
        assertCompactsFullyAfterwards();
    }

    @Test
    void anIndexSwapWithoutItsLogSwapIsDiscarded() throws Exception {
        LogSegment cleaned = writeCleanedCopyOfFirstSegment();
        cleaned.close();
        String index = LogSegment.fileName(first.baseOffset(), LogSegment.INDEX_SUFFIX);
        Files.move(dir.resolve(index + ".cleaned"), dir.resolve(index + ".swap"));
        f.reopen(true);
        assertNoLeftovers();
        assertThat(f.records(f.log)).containsExactlyEntriesOf(f.appended);
        for (Record r : f.appended.values()) {
            assertThat(f.log.offsetForTimestamp(r.timestamp())).map(TimestampAndOffset::offset).contains(r.offset());
        }
    }

    @Test
    void aSegmentDeletedByRetentionBeforeTheSwapAbortsTheRun() throws Exception {
        LogSegment cleaned = writeCleanedCopyOfFirstSegment();
        long secondBase = LogCleaner.spans(f.log).get(1).segment().baseOffset();
        f.log.deleteRecordsBefore(secondBase);
        assertThat(LogCleaner.swapIn(f.log, first, cleaned)).isFalse();
        assertThat(f.log.segmentBaseOffsets().get(0)).isEqualTo(secondBase);
        assertThat(files(".cleaned")).isEmpty();
        assertThat(files(".swap")).isEmpty();
        f.reopen(false);
        assertThat(f.log.segmentBaseOffsets().get(0)).isEqualTo(secondBase);
    }

    @Test
    void cleanedLogSurvivesRestartsWithIdenticalContent() throws Exception {
        writeCleanedCopyOfFirstSegment().delete();
        CleanResult r = cleaner.clean(f.log, 0);
        TreeMap<Long, Record> expected = f.expectedAfterCompaction(r.firstDirtyOffset(), false);
        assertThat(f.records(f.log)).containsExactlyEntriesOf(expected);
        assertNoLeftovers();
        assertThat(f.records(f.reopen(true))).containsExactlyEntriesOf(expected);
        assertThat(f.records(f.reopen(false))).containsExactlyEntriesOf(expected);
        assertNoLeftovers();
    }
}
