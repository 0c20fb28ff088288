package io.tributary.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import io.tributary.record.CompressionType;
import io.tributary.record.Record;
import io.tributary.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of append, read, roll, truncate, DeleteRecords, retention and close-and-reopen (clean and
 * unclean) against a plain in-memory model of batches; after every step the log's bounds and every record from
 * the log start on must match the model.
 */
class PartitionLogModelProperties {

    sealed interface Op permits Append, Read, Roll, Truncate, DeleteRecords, Retention, Reopen {
    }

    record Append(int count, int codec) implements Op {
    }

    record Read(double where) implements Op {
    }

    record Roll() implements Op {
    }

    record Truncate(double where) implements Op {
    }

    record DeleteRecords(double where) implements Op {
    }

    record Retention() implements Op {
    }

    record Reopen(boolean clean) implements Op {
    }

    /** One batch of the model: its offsets and values. */
    record ModelBatch(long base, List<String> values) {
        long last() {
            return base + values.size() - 1;
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(1, 30),
            Arbitraries.integers().between(0, 4)).as(Append::new);
        Arbitrary<Op> where = Arbitraries.doubles().between(0, 1).map(Read::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(10, append),
            net.jqwik.api.Tuple.of(4, where),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new Roll())),
            net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(0, 1).map(Truncate::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(0, 1).map(DeleteRecords::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new Retention())),
            net.jqwik.api.Tuple.of(2, Arbitraries.of(true, false).map(Reopen::new)));
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 100)
    void theLogBehavesLikeTheModel(@ForAll("operations") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("model-log");
        MockTime time = new MockTime();
        LogConfig config = LogConfig.from(Map.of(LogConfig.SEGMENT_BYTES, 2048, LogConfig.INDEX_INTERVAL_BYTES, 256,
            LogConfig.RETENTION_BYTES, 6000L, LogConfig.FILE_DELETE_DELAY_MS, 0L));
        List<ModelBatch> model = new ArrayList<>();
        long[] start = {0};
        long[] end = {0};
        int[] seq = {0};
        PartitionLog log = PartitionLog.open(dir.resolve("m-0"), config, time, null, 0, 0, true);
        try {
            for (Op op : ops) {
                if (op instanceof Append a) {
                    List<String> values = new ArrayList<>();
                    RecordBatchBuilder b = new RecordBatchBuilder(0).compression(CompressionType.values()[a.codec()]);
                    for (int i = 0; i < a.count(); i++) {
                        String v = "value-" + seq[0]++;
                        values.add(v);
                        b.append(time.milliseconds(), TestBatches.bytes("key"), TestBatches.bytes(v));
                    }
                    LogAppendInfo info = log.append(b.build());
                    assertThat(info.firstOffset()).isEqualTo(end[0]);
                    model.add(new ModelBatch(end[0], values));
                    end[0] += values.size();
                    time.sleep(10);
                } else if (op instanceof Read r) {
                    long offset = start[0] + (long) (r.where() * (end[0] - start[0]));
                    List<Record> got = TestBatches.readAll(log, offset);
                    assertThat(TestBatches.valuesByOffset(got)).isEqualTo(expected(model, offset));
                } else if (op instanceof Roll) {
                    log.roll();
                } else if (op instanceof Truncate t) {
                    // truncation happens at batch boundaries (as a follower's would): pick one at or above the start
                    List<Long> boundaries = new ArrayList<>();
                    model.stream().map(ModelBatch::base).filter(o -> o >= start[0]).forEach(boundaries::add);
                    boundaries.add(end[0]);
                    long offset = boundaries.get((int) (t.where() * (boundaries.size() - 1)));
                    log.truncateTo(offset);
                    model.removeIf(mb -> mb.last() >= offset);
                    end[0] = offset;
                } else if (op instanceof DeleteRecords d) {
                    long offset = start[0] + (long) (d.where() * (end[0] - start[0]));
                    log.deleteRecordsBefore(offset);
                    start[0] = Math.max(start[0], offset);
                } else if (op instanceof Retention) {
                    log.deleteOldSegments();
                    long newStart = log.logStartOffset();
                    assertThat(newStart).isGreaterThanOrEqualTo(start[0]).isLessThanOrEqualTo(end[0]);
                    assertThat(newStart == end[0] || newStart == start[0]
                        || model.stream().anyMatch(mb -> mb.base() == newStart))
                        .as("retention moves the start to a batch boundary").isTrue();
                    start[0] = newStart;
                } else if (op instanceof Reopen r) {
                    if (r.clean()) {
                        log.close();
                    }
                    // an unclean reopen abandons the open log as a crash would (nothing trimmed or flushed)
                    log = PartitionLog.open(dir.resolve("m-0"), config, time, null, 0, start[0], r.clean());
                }
                assertThat(log.logEndOffset()).as("log end after " + op).isEqualTo(end[0]);
                assertThat(log.logStartOffset()).as("log start after " + op).isEqualTo(start[0]);
                assertThat(TestBatches.valuesByOffset(TestBatches.readAll(log, start[0])))
                    .as("content after " + op).isEqualTo(expected(model, start[0]));
            }
        } finally {
            log.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Map<Long, String> expected(List<ModelBatch> model, long from) {
        Map<Long, String> m = new java.util.LinkedHashMap<>();
        for (ModelBatch mb : model) {
            for (int i = 0; i < mb.values().size(); i++) {
                if (mb.base() + i >= from) {
                    m.put(mb.base() + i, mb.values().get(i));
                }
            }
        }
        return m;
    }
}
