package io.tributary.broker.log;

import static io.tributary.broker.log.CleanerFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.record.CompressionType;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogCleanerCompressionTest {
    @TempDir
    Path dir;

    private static ByteBuffer batch(CompressionType codec, long ts, String... keys) {
        RecordBatchBuilder b = new RecordBatchBuilder(0).compression(codec).producer(42L, (short) 3, 100)
            .partitionLeaderEpoch(5);
        for (String k : keys) {
            b.append(ts, bytes(k), bytes("value of " + k + " written at " + ts));
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"LZ4", "ZSTD", "GZIP", "SNAPPY", "NONE"})
    void reencodesPartlyRetainedBatchesWithTheSameCodecAndCopiesOthersVerbatim(CompressionType codec)
            throws Exception {
        CleanerFixture f = new CleanerFixture(dir, Map.of(LogConfig.SEGMENT_BYTES, 2048));
        long ts = f.time.milliseconds();
        long partly = f.append(batch(codec, ts, "a", "b", "c", "d", "e"));
        long untouched = f.append(batch(codec, ts + 1, "u1", "u2", "u3"));
        f.append(batch(codec, ts + 2, "b", "d"));
        f.log.roll();
        f.append(batch(codec, ts + 3, "a"));
        Map<Long, ByteBuffer> before = new HashMap<>();
        f.batches(f.log).forEach(b -> before.put(b.baseOffset(), b.buffer()));

        f.time.sleep(10); // records carry timestamps up to ts + 3
        CleanResult result = new LogCleaner(f.time, 100).clean(f.log, 0);

        assertThat(result.recordsRemoved()).isEqualTo(2);
        Map<Long, RecordBatch> after = new HashMap<>();
        f.batches(f.log).forEach(b -> after.put(b.baseOffset(), b));
        assertThat(after).hasSize(4);
        RecordBatch rewritten = after.get(partly);
        assertThat(rewritten.compressionType()).isEqualTo(codec);
        assertThat(rewritten.buffer()).isNotEqualTo(before.get(partly));
        assertThat(rewritten.producerId()).isEqualTo(42L);
        assertThat(rewritten.producerEpoch()).isEqualTo((short) 3);
        assertThat(rewritten.baseSequence()).isEqualTo(100);
        assertThat(rewritten.partitionLeaderEpoch()).isEqualTo(5);
        assertThat(rewritten.isTransactional()).isFalse();
        assertThat(rewritten.lastOffset()).isEqualTo(partly + 4);
        List<Record> kept = rewritten.records();
        assertThat(kept).extracting(Record::offset).containsExactly(partly, partly + 2, partly + 4);
        assertThat(kept).containsExactlyElementsOf(List.of(f.appended.get(partly), f.appended.get(partly + 2),
            f.appended.get(partly + 4)));
        for (long base : before.keySet()) {
            if (base != partly) {
                assertThat(after.get(base).buffer()).as("batch %d copied byte for byte", base)
                    .isEqualTo(before.get(base));
            }
        }
        assertThat(after).containsKey(untouched);
        assertThat(f.records(f.reopen(false))).containsExactlyEntriesOf(
            f.expectedAfterCompaction(result.firstDirtyOffset(), false));
    }
}
