package io.tributary.broker.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import io.tributary.record.MemoryRecords;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small compacted log on disk plus a model of what was appended, for the cleaner tests. */
final class CleanerFixture {
    final MockTime time = new MockTime();
    final Path dir;
    LogConfig config;
    PartitionLog log;
    /** Every record appended, by offset. */
    final TreeMap<Long, Record> appended = new TreeMap<>();

    CleanerFixture(Path dir, Map<String, Object> overrides) throws IOException {
        this.dir = dir;
        Map<String, Object> props = new HashMap<>();
        props.put(LogConfig.SEGMENT_BYTES, 600);
        props.put(LogConfig.INDEX_INTERVAL_BYTES, 100);
        props.put(LogConfig.FILE_DELETE_DELAY_MS, 0L);
        props.put(LogConfig.CLEANUP_POLICY, "compact");
        props.put(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, 0.0);
        props.put(LogConfig.RETENTION_MS, -1L);
        props.putAll(overrides);
        config = LogConfig.from(props);
        log = PartitionLog.open(dir, config, time, null, 0, 0, true);
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(UTF_8);
    }

    static String str(byte[] b) {
        return b == null ? null : new String(b, UTF_8);
    }

    /** Appends one single-record batch stamped with the clock (then advanced by 1 ms). */
    long append(String key, String value) {
        long ts = time.milliseconds();
        time.sleep(1);
        return append(new RecordBatchBuilder(0).append(ts, bytes(key), bytes(value)).build());
    }

    /** Appends a built batch and records its records (with their assigned offsets) in the model. */
    long append(ByteBuffer batch) {
        long first = log.append(batch).firstOffset();
        for (Record r : RecordBatch.wrap(batch).records()) {
            appended.put(r.offset(), r);
        }
        return first;
    }

    /** Every batch from the log start to the log end, CRC-checked. */
    List<RecordBatch> batches(PartitionLog l) {
        List<RecordBatch> out = new ArrayList<>();
        long offset = l.logStartOffset();
        while (offset < l.logEndOffset()) {
            ByteBuffer bytes = l.read(offset, 1 << 20, true).records().read();
            long next = offset;
            for (RecordBatch b : MemoryRecords.readableRecords(bytes).batches()) {
                if (b.lastOffset() >= offset) {
                    b.ensureValid();
                    out.add(b);
                    next = b.nextOffset();
                }
            }
            assertThat(next).as("read from %d makes progress", offset).isGreaterThan(offset);
            offset = next;
        }
        return out;
    }

    /** Every record of the log, by offset, checking that offsets strictly increase. */
    LinkedHashMap<Long, Record> records(PartitionLog l) {
        LinkedHashMap<Long, Record> out = new LinkedHashMap<>();
        long last = -1;
        for (RecordBatch b : batches(l)) {
            for (Record r : b.records()) {
                assertThat(r.offset()).isGreaterThan(last);
                last = r.offset();
                out.put(r.offset(), r);
            }
        }
        return out;
    }

    /** The model after compacting offsets below {@code end}: newest per key (keyless kept), tombstones optional. */
    TreeMap<Long, Record> expectedAfterCompaction(long end, boolean tombstonesDropped) {
        Map<String, Long> newest = new HashMap<>();
        appended.headMap(end).values().forEach(r -> {
            if (r.hasKey()) {
                newest.put(str(r.key()), r.offset());
            }
        });
        TreeMap<Long, Record> expected = new TreeMap<>();
        for (Record r : appended.values()) {
            boolean cleanedPart = r.offset() < end;
            boolean superseded = cleanedPart && r.hasKey() && newest.get(str(r.key())) != r.offset();
            boolean droppedTombstone = cleanedPart && tombstonesDropped && r.hasKey() && !r.hasValue();
            if (!superseded && !droppedTombstone) {
                expected.put(r.offset(), r);
            }
        }
        return expected;
    }

    /** The base offset of the active segment. */
    long activeBase() {
        List<Long> bases = log.segmentBaseOffsets();
        return bases.get(bases.size() - 1);
    }

    PartitionLog reopen(boolean cleanShutdown) throws IOException {
        if (cleanShutdown) {
            log.close();
        }
        log = PartitionLog.open(dir, config, time, null, 0, 0, cleanShutdown);
        return log;
    }
}
