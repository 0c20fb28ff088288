package io.tributary.broker.log;

import static io.tributary.broker.log.CleanerFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.record.ControlRecordType;
import io.tributary.record.EndTransactionMarker;
import io.tributary.record.MemoryRecords;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCleanerTest {
    @TempDir
    Path dir;

    private CleanerFixture fixtureWithRepeatedKeys(Map<String, Object> overrides) throws Exception {
        CleanerFixture f = new CleanerFixture(dir, overrides);
        for (int i = 0; i < 120; i++) {
            f.append(i % 7 == 3 ? null : "k" + (i * 7 % 13), "v" + i);
        }
        f.log.roll();
        f.append("k1", "in the active segment");
        f.append("k2", "also active");
        return f;
    }

    @Test
    void keepsOnlyTheNewestRecordPerKeyWithOriginalOffsets() throws Exception {
        CleanerFixture f = fixtureWithRepeatedKeys(Map.of());
        PartitionLog log = f.log;
        long activeBase = f.activeBase();
        assertThat(log.numberOfSegments()).isGreaterThan(4);
        ByteBuffer activeBefore = log.read(activeBase, 1 << 20, true).records().read();
        LogCleaner cleaner = new LogCleaner(f.time, 1000);

        CleanResult result = cleaner.clean(log, 0);

        assertThat(result.firstDirtyOffset()).isEqualTo(activeBase);
        assertThat(result.aborted()).isFalse();
        assertThat(result.bytesAfter()).isLessThan(result.bytesBefore());
        assertThat(result.keysMapped()).isEqualTo(13);
        TreeMap<Long, Record> expected = f.expectedAfterCompaction(activeBase, false);
        assertThat(f.records(log)).containsExactlyEntriesOf(expected);
        assertThat(result.recordsRemoved()).isEqualTo(f.appended.size() - expected.size());
        assertThat(log.read(activeBase, 1 << 20, true).records().read()).isEqualTo(activeBefore);
        assertThat(log.logEndOffset()).isEqualTo(f.appended.lastKey() + 1);

        // a consumer starting at any offset gets the first surviving record at or after it
        for (long offset = log.logStartOffset(); offset < log.logEndOffset(); offset++) {
            List<RecordBatch> got = new ArrayList<>();
            MemoryRecords.readableRecords(log.read(offset, 1, true).records().read()).batches()
                .forEach(got::add);
            long from = offset;
            Record first = got.get(0).records().stream().filter(r -> r.offset() >= from).findFirst().orElseThrow();
            assertThat(first).isEqualTo(expected.ceilingEntry(offset).getValue());
        }
        // ListOffsets by timestamp finds the first surviving record at or after the timestamp
        for (Record r : f.appended.values()) {
            Optional<TimestampAndOffset> found = log.offsetForTimestamp(r.timestamp());
            Record want = expected.values().stream().filter(e -> e.timestamp() >= r.timestamp()).findFirst()
                .orElseThrow();
            assertThat(found).contains(new TimestampAndOffset(want.timestamp(), want.offset()));
        }

        assertThat(f.records(f.reopen(true))).containsExactlyEntriesOf(expected);
        assertThat(f.records(f.reopen(false))).containsExactlyEntriesOf(expected);
        assertThat(f.log.offsetForTimestamp(f.appended.get(50L).timestamp()))
            .map(TimestampAndOffset::offset).contains(expected.ceilingKey(50L));
    }

    @Test
    void keepsTombstonesUntilDeleteRetentionHasPassed() throws Exception {
        CleanerFixture f = new CleanerFixture(dir, Map.of(LogConfig.DELETE_RETENTION_MS, 10_000L));
        LogCleaner cleaner = new LogCleaner(f.time, 100);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                f.append("k" + i, "v" + round);
            }
        }
        f.append("k1", null);
        f.append("k2", null);
        f.log.roll();
        f.append("active", "x");

        CleanResult first = cleaner.clean(f.log, 0);
        assertThat(first.tombstonesDropped()).isZero();
        assertThat(f.records(f.log)).containsExactlyEntriesOf(f.expectedAfterCompaction(first.firstDirtyOffset(),
            false));
        assertThat(f.records(f.log).values().stream().filter(r -> !r.hasValue())).hasSize(2);

        f.time.sleep(5_000); // not yet past delete.retention.ms
        f.append("k3", "newer");
        f.log.roll();
        CleanResult second = cleaner.clean(f.log, first.firstDirtyOffset());
        assertThat(second.tombstonesDropped()).isZero();
        assertThat(f.records(f.log).values().stream().filter(r -> !r.hasValue())).hasSize(2);

        f.time.sleep(6_000);
        f.append("k4", "newer");
        f.log.roll();
        CleanResult third = cleaner.clean(f.log, second.firstDirtyOffset());
        assertThat(third.tombstonesDropped()).isEqualTo(2);
        TreeMap<Long, Record> expected = f.expectedAfterCompaction(third.firstDirtyOffset(), true);
        assertThat(f.records(f.log)).containsExactlyEntriesOf(expected);
        assertThat(expected.values()).noneMatch(r -> CleanerFixture.str(r.key()).matches("k[12]"));
        assertThat(f.records(f.reopen(false))).containsExactlyEntriesOf(expected);
    }

    @Test
    void dirtyRatioAndCompactionLagGateCleaning() throws Exception {
        CleanerFixture f = fixtureWithRepeatedKeys(Map.of(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, 0.5,
            LogConfig.MIN_COMPACTION_LAG_MS, 60_000L));
        LogCleaner cleaner = new LogCleaner(f.time, 1000);
        assertThat(cleaner.dirtyRatio(f.log, 0)).isEqualTo(1.0);
        assertThat(cleaner.needsCleaning(f.log, 0)).as("segments younger than the lag").isFalse();
        assertThat(cleaner.clean(f.log, 0)).isEqualTo(CleanResult.nothing(0));

        f.time.sleep(60_000);
        assertThat(cleaner.needsCleaning(f.log, 0)).isTrue();
        CleanResult result = cleaner.clean(f.log, 0);
        long dirty = result.firstDirtyOffset();
        assertThat(dirty).isEqualTo(f.activeBase());
        assertThat(cleaner.dirtyRatio(f.log, dirty)).isZero();
        assertThat(cleaner.needsCleaning(f.log, dirty)).isFalse();

        List<Long> bases = f.log.segmentBaseOffsets();
        Map<Long, Record> before = f.records(f.log);
        assertThat(cleaner.clean(f.log, dirty)).isEqualTo(CleanResult.nothing(dirty));
        assertThat(f.log.segmentBaseOffsets()).isEqualTo(bases);
        assertThat(f.records(f.log)).isEqualTo(before);

        // a little new dirty data stays below the ratio, more reaches it
        f.log.roll();
        f.time.sleep(60_000);
        assertThat(cleaner.dirtyRatio(f.log, dirty)).isGreaterThan(0).isLessThan(0.5);
        assertThat(cleaner.needsCleaning(f.log, dirty)).isFalse();
        for (int i = 0; i < 40; i++) {
            f.append("k" + i % 5, "again" + i);
        }
        f.log.roll();
        f.time.sleep(60_000);
        assertThat(cleaner.dirtyRatio(f.log, dirty)).isGreaterThanOrEqualTo(0.5);
        assertThat(cleaner.needsCleaning(f.log, dirty)).isTrue();

        f.config = LogConfig.from(Map.of(LogConfig.CLEANUP_POLICY, "delete"));
        f.log.updateConfig(f.config);
        assertThat(cleaner.needsCleaning(f.log, dirty)).isFalse();
        assertThat(cleaner.clean(f.log, dirty)).isEqualTo(CleanResult.nothing(dirty));
    }

    @Test
    void boundedMapMakesProgressAndEventuallyCompactsEverything() throws Exception {
        CleanerFixture f = new CleanerFixture(dir, Map.of());
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 40; k++) {
                f.append("key-" + k, "round" + round);
            }
        }
        f.log.roll();
        long activeBase = f.activeBase();
        LogCleaner cleaner = new LogCleaner(f.time, 7);
        long dirty = 0;
        int runs = 0;
        while (dirty < activeBase) {
            CleanResult r = cleaner.clean(f.log, dirty);
            assertThat(r.keysMapped()).isLessThanOrEqualTo(7);
            assertThat(cleaner.offsetMap().size()).isLessThanOrEqualTo(7);
            assertThat(r.firstDirtyOffset()).isGreaterThan(dirty);
            // everything below the new first dirty offset is compacted
            TreeMap<Long, Record> expected = f.expectedAfterCompaction(r.firstDirtyOffset(), false);
            assertThat(f.records(f.log).keySet()).containsAll(expected.keySet());
            dirty = r.firstDirtyOffset();
            runs++;
        }
        assertThat(runs).isGreaterThan(5);
        assertThat(f.records(f.log)).containsExactlyEntriesOf(f.expectedAfterCompaction(activeBase, false));
        assertThat(f.records(f.log)).hasSize(40);
    }

    @Test
    void emptiedSegmentsAreDroppedAndReadsSkipThem() throws Exception {
        CleanerFixture f = new CleanerFixture(dir, Map.of());
        for (int i = 0; i < 30; i++) {
            f.append("same", "v" + i);
        }
        f.log.roll();
        f.append("other", "x");
        int segmentsBefore = f.log.numberOfSegments();
        CleanResult r = new LogCleaner(f.time, 10).clean(f.log, 0);
        assertThat(f.log.numberOfSegments()).isLessThan(segmentsBefore);
        assertThat(r.segmentsRewritten()).isEqualTo(segmentsBefore - 1);
        assertThat(f.log.logStartOffset()).isZero();
        TreeMap<Long, Record> expected = f.expectedAfterCompaction(r.firstDirtyOffset(), false);
        assertThat(expected).hasSize(2);
        assertThat(f.records(f.log)).containsExactlyEntriesOf(expected);
        assertThat(f.log.offsetForTimestamp(0)).map(TimestampAndOffset::offset).contains(29L);
        assertThat(f.records(f.reopen(false))).containsExactlyEntriesOf(expected);
    }

    @Test
    void keylessRecordsAndControlBatchesAreKept() throws Exception {
        CleanerFixture f = new CleanerFixture(dir, Map.of());
        f.append("k", "1");
        f.append(null, "keyless");
        f.append(RecordBatchBuilder.endTransactionMarker(0, f.time.milliseconds(), 0, 5L,
            (short) 0, new EndTransactionMarker(ControlRecordType.COMMIT, 1)));
        f.append("k", "2");
        f.log.roll();
        f.append("k", "active");
        new LogCleaner(f.time, 10).clean(f.log, 0);
        List<RecordBatch> batches = f.batches(f.log);
        assertThat(batches).extracting(RecordBatch::baseOffset).containsExactly(1L, 2L, 3L, 4L);
        assertThat(batches.get(1).isControlBatch()).isTrue();
        assertThat(bytes("keyless")).isEqualTo(batches.get(0).records().get(0).value());
    }
}
