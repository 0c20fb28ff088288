package io.tributary.broker.log;

import io.tributary.record.MemoryRecords;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds batches as a producer would send them and reads logs back record by record. */
final class TestBatches {
    private TestBatches() {
    }

    /** One batch of {@code count} records "k{i}" → "v{i}" with the given timestamp, base offset 0. */
    static ByteBuffer batch(int firstIndex, int count, long timestamp) {
        RecordBatchBuilder b = new RecordBatchBuilder(0);
        for (int i = firstIndex; i < firstIndex + count; i++) {
            b.append(timestamp, bytes(String.format("k%04d", i)), bytes(String.format("v%04d", i)));
        }
        return b.build();
    }

    /** One batch of records with the given values and no keys. */
    static ByteBuffer values(long timestamp, String... values) {
        RecordBatchBuilder b = new RecordBatchBuilder(0);
        for (String v : values) {
            b.append(timestamp, null, bytes(v));
        }
        return b.build();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Every record from {@code from} to the end of the log, in offset order. */
    static List<Record> readAll(PartitionLog log, long from) {
        List<Record> out = new ArrayList<>();
        long next = from;
        while (next < log.logEndOffset()) {
            LogReadResult r = log.read(next, 64 * 1024, true);
            ByteBuffer buf = r.records().read();
            if (!buf.hasRemaining()) {
                break;
            }
            for (RecordBatch batch : MemoryRecords.readableRecords(buf).batches()) {
                batch.ensureValid();
                for (Record rec : batch.records()) {
                    if (rec.offset() >= next) {
                        out.add(rec);
                    }
                }
                next = Math.max(next, batch.nextOffset());
            }
        }
        return out;
    }

    /** Values by offset, for comparing with a model. */
    static Map<Long, String> valuesByOffset(List<Record> records) {
        Map<Long, String> m = new java.util.LinkedHashMap<>();
        for (Record r : records) {
            m.put(r.offset(), text(r.value()));
        }
        return m;
    }
}
