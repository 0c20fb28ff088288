package io.tributary.broker.log;

import io.tributary.common.Time;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchBuilder;
import io.tributary.record.TimestampType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the compacted copy of one segment, with the same base offset, under {@code .cleaned} file names (its
 * indexes built as the batches are appended). A record stays unless a newer record with the same key is in the
 * {@link OffsetMap}, or it is an expired tombstone below the mapped range's end. Offsets are preserved. A batch
 * that keeps every record is copied byte for byte; a batch that keeps some is re-encoded with the same codec,
 * timestamp type, producer fields, transactional flag and leader epoch; an emptied batch is dropped; control
 * batches are copied.
 *
 * <p>Not thread-safe: one instance per segment, used by the cleaner thread.
 */
final class CompactedSegmentWriter {
    private static final List<String> SUFFIXES = List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX,
        LogSegment.TIME_INDEX_SUFFIX);

    private final OffsetMap map;
    private final long mappedEnd;
    private final boolean dropTombstones;
    private long recordsRemoved;
    private long tombstonesDropped;

    /**
     * @param map            newest offset per key over the dirty range
     * @param mappedEnd      the offset the map reaches: tombstones at or above it are never dropped
     * @param dropTombstones whether the segment is older than delete.retention.ms
     */
    CompactedSegmentWriter(OffsetMap map, long mappedEnd, boolean dropTombstones) {
        this.map = map;
        this.mappedEnd = mappedEnd;
        this.dropTombstones = dropTombstones;
    }

    long recordsRemoved() {
        return recordsRemoved;
    }

    long tombstonesDropped() {
        return tombstonesDropped;
    }

    /**
     * Writes, flushes and returns the compacted copy of {@code seg} (open, indexes trimmed, files named
     * {@code .cleaned}); null when no record would be removed (nothing is left on disk then).
     */
    LogSegment write(LogSegment seg, Path dir, LogConfig config, Time time) throws IOException {
        deleteLeftovers(dir, seg.baseOffset());
        LogSegment out = LogSegment.open(dir, seg.baseOffset(), SegmentFiles.CLEANED_SUFFIX, config, time);
        boolean keep = false;
        try {
            int limit = seg.size();
            LogSegment.BatchInfo b = seg.batchAt(0, limit);
            while (b != null) {
                ByteBuffer kept = filter(new FileSlice(seg.channel(), b.position(), b.size()).read());
                if (kept != null) {
                    out.append(kept);
                }
                b = seg.batchAt(b.position() + b.size(), limit);
            }
            if (recordsRemoved == 0) {
                return null;
            }
            out.onBecomeInactive();
            out.flush();
            keep = true;
            return out;
        } finally {
            if (!keep) {
                out.delete();
            }
        }
    }

    /** Removes {@code .cleaned} and {@code .swap} files of {@code base} left by an earlier failed attempt. */
    static void deleteLeftovers(Path dir, long base) throws IOException {
        for (String suffix : SUFFIXES) {
            Files.deleteIfExists(dir.resolve(LogSegment.fileName(base, suffix) + SegmentFiles.CLEANED_SUFFIX));
            Files.deleteIfExists(dir.resolve(LogSegment.fileName(base, suffix) + SegmentFiles.SWAP_SUFFIX));
        }
    }

    /** The batch to write for {@code bytes}: the same buffer, a re-encoded one, or null to drop it. */
    private ByteBuffer filter(ByteBuffer bytes) {
        RecordBatch batch = RecordBatch.wrap(bytes);
        if (batch.isControlBatch()) {
            return bytes;
        }
        List<Record> records = batch.records();
        List<Record> kept = new ArrayList<>(records.size());
        for (Record r : records) {
            if (retain(r, batch.isTransactional())) {
                kept.add(r);
            } else {
                recordsRemoved++;
            }
        }
        if (kept.size() == records.size()) {
            return bytes;
        }
        if (kept.isEmpty()) {
            return null;
        }
        RecordBatchBuilder builder = new RecordBatchBuilder(batch.baseOffset())
            .compression(batch.compressionType())
            .producer(batch.producerId(), batch.producerEpoch(), batch.baseSequence())
            .transactional(batch.isTransactional())
            .partitionLeaderEpoch(batch.partitionLeaderEpoch());
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            builder.logAppendTime(batch.maxTimestamp());
        }
        for (Record r : kept) {
            builder.appendWithOffset(r.offset(), r.timestamp(), r.key(), r.value(), r.headers());
        }
        return builder.build();
    }

    private boolean retain(Record r, boolean transactional) {
        if (!r.hasKey()) {
            return true;
        }
        long latest = map.get(r.key());
        if (latest >= 0 && r.offset() < latest) {
            return false;
        }
        // Transactional records are not mapped, so older versions of their key may survive: keep their deletes.
        if (!r.hasValue() && dropTombstones && !transactional && r.offset() < mappedEnd) {
            tombstonesDropped++;
            return false;
        }
        return true;
    }
}
