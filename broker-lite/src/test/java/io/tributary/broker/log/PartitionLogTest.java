package io.tributary.broker.log;

import static io.tributary.broker.log.TestBatches.batch;
import static io.tributary.broker.log.TestBatches.readAll;
import static io.tributary.broker.log.TestBatches.text;
import static io.tributary.broker.log.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.Errors;
import io.tributary.common.MockTime;
import io.tributary.common.TributaryException;
import io.tributary.record.CorruptRecordException;
import io.tributary.record.MemoryRecords;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import io.tributary.record.TimestampType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {
    @TempDir
    Path tmp;
    private final MockTime time = new MockTime();
    private PartitionLog log;

    private static LogConfig config(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put(LogConfig.FILE_DELETE_DELAY_MS, 0L);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return LogConfig.from(m);
    }

    private PartitionLog open(LogConfig config, boolean clean) throws IOException {
        return PartitionLog.open(tmp.resolve("t-0"), config, time, null, 0, 0, clean);
    }

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    @Test
    void appendAssignsConsecutiveOffsetsAndReadsThemBack() throws IOException {
        log = open(config(), true);
        LogAppendInfo a = log.append(batch(0, 3, time.milliseconds()));
        LogAppendInfo b = log.append(batch(3, 2, time.milliseconds() + 5));
        assertThat(a.firstOffset()).isZero();
        assertThat(a.lastOffset()).isEqualTo(2);
        assertThat(b.firstOffset()).isEqualTo(3);
        assertThat(b.lastOffset()).isEqualTo(4);
        assertThat(b.maxTimestamp()).isEqualTo(time.milliseconds() + 5);
        assertThat(b.logAppendTime()).isEqualTo(-1);
        assertThat(log.logEndOffset()).isEqualTo(5);

        List<Record> all = readAll(log, 0);
        assertThat(all).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(all).extracting(r -> text(r.value())).containsExactly("v0000", "v0001", "v0002", "v0003", "v0004");
        // stored bytes are the producer's batches with only the base offset changed: the CRC still holds
        for (RecordBatch rb : MemoryRecords.readableRecords(log.read(0, 1 << 20, true).records().read()).batches()) {
            rb.ensureValid();
        }
    }

    @Test
    void readingFromTheMiddleOfABatchReturnsTheWholeBatch() throws IOException {
        log = open(config(), true);
        log.append(batch(0, 10, 1000));
        ByteBuffer slice = log.read(7, 1 << 20, true).records().read();
        RecordBatch first = MemoryRecords.readableRecords(slice).batches().iterator().next();
        assertThat(first.baseOffset()).isZero();
        assertThat(first.lastOffset()).isEqualTo(9);
    }

    @Test
    void readsOutsideTheLogAreOffsetOutOfRangeAndTheEndIsEmpty() throws IOException {
        log = open(config(), true);
        log.append(batch(0, 2, 1000));
        assertThat(log.read(2, 1000, true).records().size()).isZero();
        assertThatThrownBy(() -> log.read(3, 1000, true)).isInstanceOf(TributaryException.class)
            .satisfies(e -> assertThat(((TributaryException) e).error()).isEqualTo(Errors.OFFSET_OUT_OF_RANGE));
        log.deleteRecordsBefore(1);
        assertThatThrownBy(() -> log.read(0, 1000, true)).isInstanceOf(TributaryException.class);
    }

    @Test
    void maxBytesLimitsTheReadButTheFirstBatchAlwaysComes() throws IOException {
        log = open(config(), true);
        log.append(batch(0, 50, 1000));
        int batchSize = log.read(0, 1, true).records().size();
        assertThat(batchSize).isGreaterThan(100);
        log.append(batch(50, 50, 1000));
        assertThat(log.read(0, batchSize + 10, true).records().size()).isEqualTo(batchSize + 10);
        assertThat(log.read(0, 1, false).records().size()).isEqualTo(1);
    }

    @Test
    void rollsAtSegmentBytesAndReadsAcrossSegments() throws IOException {
        int one = batch(0, 5, 1000).remaining();
        log = open(config(LogConfig.SEGMENT_BYTES, one * 2, LogConfig.INDEX_INTERVAL_BYTES, 1), true);
        for (int i = 0; i < 10; i++) {
            log.append(batch(i * 5, 5, 1000 + i));
        }
        assertThat(log.numberOfSegments()).isEqualTo(5);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 10L, 20L, 30L, 40L);
        assertThat(readAll(log, 0)).extracting(Record::offset).containsExactly(
            java.util.stream.LongStream.range(0, 50).boxed().toArray(Long[]::new));
        assertThat(readAll(log, 33).get(0).offset()).isEqualTo(33);
    }

    @Test
    void rollsWhenTheFirstBatchIsOlderThanSegmentMs() throws IOException {
        log = open(config(LogConfig.SEGMENT_MS, 1000L), true);
        log.append(batch(0, 1, time.milliseconds()));
        time.sleep(500);
        log.append(batch(1, 1, time.milliseconds()));
        assertThat(log.numberOfSegments()).isEqualTo(1);
        time.sleep(600);
        log.append(batch(2, 1, time.milliseconds()));
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
    }

    @Test
    void logAppendTimeTopicsStampTheBrokerClock() throws IOException {
        log = open(config(LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"), true);
        LogAppendInfo info = log.append(batch(0, 3, 5));
        assertThat(info.logAppendTime()).isEqualTo(time.milliseconds());
        RecordBatch rb = MemoryRecords.readableRecords(log.read(0, 1 << 20, true).records().read())
            .batches().iterator().next();
        rb.ensureValid();
        assertThat(rb.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(rb.records()).extracting(Record::timestamp).containsOnly(time.milliseconds());
    }

    @Test
    void corruptAndOversizedBatchesAreRefusedAndNothingIsWritten() throws IOException {
        log = open(config(LogConfig.MAX_MESSAGE_BYTES, 200), true);
        log.append(batch(0, 1, 1000));
        ByteBuffer bad = batch(1, 1, 1000);
        bad.put(bad.limit() - 1, (byte) (bad.get(bad.limit() - 1) ^ 1));
        assertThatThrownBy(() -> log.append(bad)).isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> log.append(batch(0, 40, 1000))).isInstanceOf(TributaryException.class)
            .satisfies(e -> assertThat(((TributaryException) e).error()).isEqualTo(Errors.MESSAGE_TOO_LARGE));
        assertThat(log.logEndOffset()).isEqualTo(1);
        assertThat(readAll(log, 0)).hasSize(1);
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordAtOrAfter() throws IOException {
        log = open(config(LogConfig.SEGMENT_BYTES, 300, LogConfig.INDEX_INTERVAL_BYTES, 1), true);
        for (int i = 0; i < 20; i++) {
            log.append(values(1000 + i * 10L, "a" + i, "b" + i));
        }
        assertThat(log.numberOfSegments()).isGreaterThan(3);
        assertThat(log.offsetForTimestamp(1055)).contains(new TimestampAndOffset(1060, 12));
        assertThat(log.offsetForTimestamp(1060)).contains(new TimestampAndOffset(1060, 12));
        assertThat(log.offsetForTimestamp(0)).contains(new TimestampAndOffset(1000, 0));
        assertThat(log.offsetForTimestamp(5000)).isEmpty();
        assertThat(log.offsetForTimestamp(TimestampAndOffset.EARLIEST)).contains(new TimestampAndOffset(-1, 0));
        assertThat(log.offsetForTimestamp(TimestampAndOffset.LATEST)).contains(new TimestampAndOffset(-1, 40));
        assertThat(log.offsetForTimestamp(TimestampAndOffset.MAX_TIMESTAMP)).contains(new TimestampAndOffset(1190, 38));
    }

    @Test
    void deleteRecordsMovesTheStartAndDropsWholeSegments() throws IOException {
        int one = batch(0, 5, 1000).remaining();
        log = open(config(LogConfig.SEGMENT_BYTES, one), true);
        for (int i = 0; i < 4; i++) {
            log.append(batch(i * 5, 5, 1000));
        }
        assertThat(log.deleteRecordsBefore(12)).isEqualTo(12);
        assertThat(log.logStartOffset()).isEqualTo(12);
        assertThat(log.segmentBaseOffsets()).containsExactly(10L, 15L);
        assertThat(readAll(log, 12).get(0).offset()).isEqualTo(12);
        assertThatThrownBy(() -> log.deleteRecordsBefore(21)).isInstanceOf(TributaryException.class);
    }

    @Test
    void retentionByTimeDeletesExpiredSegmentsEvenTheActiveOne() throws IOException {
        int one = batch(0, 5, 0).remaining();
        log = open(config(LogConfig.SEGMENT_BYTES, one, LogConfig.RETENTION_MS, 10_000L), true);
        long t0 = time.milliseconds();
        log.append(batch(0, 5, t0));
        log.append(batch(5, 5, t0 + 5_000));
        log.append(batch(10, 5, t0 + 9_000));
        time.sleep(12_000);
        assertThat(log.deleteOldSegments()).isEqualTo(1);
        assertThat(log.logStartOffset()).isEqualTo(5);
        time.sleep(10_000);
        assertThat(log.deleteOldSegments()).isEqualTo(2);
        assertThat(log.logStartOffset()).isEqualTo(15);
        assertThat(log.logEndOffset()).isEqualTo(15);
        assertThat(log.append(batch(15, 1, time.milliseconds())).firstOffset()).isEqualTo(15);
        assertThat(Files.list(log.dir()).filter(p -> p.toString().endsWith(".deleted")).count()).isZero();
    }

    @Test
    void retentionBySizeKeepsTheNewestSegmentsUnderTheLimit() throws IOException {
        int one = batch(0, 5, 0).remaining();
        log = open(config(LogConfig.SEGMENT_BYTES, one, LogConfig.RETENTION_BYTES, (long) one * 2), true);
        for (int i = 0; i < 5; i++) {
            log.append(batch(i * 5, 5, time.milliseconds()));
        }
        assertThat(log.deleteOldSegments()).isEqualTo(3);
        assertThat(log.segmentBaseOffsets()).containsExactly(15L, 20L);
        assertThat(log.size()).isEqualTo(one * 2L);
    }

    @Test
    void compactOnlyTopicsIgnoreTimeAndSizeRetention() throws IOException {
        int one = batch(0, 5, 0).remaining();
        log = open(config(LogConfig.SEGMENT_BYTES, one, LogConfig.RETENTION_BYTES, 1L,
            LogConfig.CLEANUP_POLICY, "compact"), true);
        for (int i = 0; i < 3; i++) {
            log.append(batch(i * 5, 5, 0));
        }
        assertThat(log.deleteOldSegments()).isZero();
    }

    @Test
    void truncateRemovesWholeBatchesFromTheEnd() throws IOException {
        int one = batch(0, 5, 0).remaining();
        log = open(config(LogConfig.SEGMENT_BYTES, one * 2), true);
        for (int i = 0; i < 6; i++) {
            log.append(batch(i * 5, 5, 1000));
        }
        log.truncateTo(15);
        assertThat(log.logEndOffset()).isEqualTo(15);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 10L);
        assertThat(log.append(batch(0, 1, 1000)).firstOffset()).isEqualTo(15);
        assertThat(readAll(log, 0)).hasSize(16);
    }

    @Test
    void aCleanlyClosedLogReopensWithTheSameContent() throws IOException {
        int one = batch(0, 5, 0).remaining();
        log = open(config(LogConfig.SEGMENT_BYTES, one * 2, LogConfig.INDEX_INTERVAL_BYTES, 1), true);
        for (int i = 0; i < 7; i++) {
            log.append(batch(i * 5, 5, 1000 + i));
        }
        Map<Long, String> before = TestBatches.valuesByOffset(readAll(log, 0));
        log.close();
        log = open(config(LogConfig.SEGMENT_BYTES, one * 2, LogConfig.INDEX_INTERVAL_BYTES, 1), true);
        assertThat(log.logEndOffset()).isEqualTo(35);
        assertThat(TestBatches.valuesByOffset(readAll(log, 0))).isEqualTo(before);
        assertThat(log.offsetForTimestamp(1004)).contains(new TimestampAndOffset(1004, 20));
        assertThat(log.append(batch(0, 1, 1000)).firstOffset()).isEqualTo(35);
    }

    @Test
    void flushMessagesMovesTheRecoveryPoint() throws IOException {
        log = open(config(LogConfig.FLUSH_MESSAGES, 3L), true);
        log.append(batch(0, 2, 1000));
        assertThat(log.recoveryPoint()).isZero();
        log.append(batch(2, 2, 1000));
        assertThat(log.recoveryPoint()).isEqualTo(4);
    }
}
