package io.tributary.broker.log;

import io.tributary.common.Time;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log compaction for {@code cleanup.policy=compact} (and {@code compact,delete}): keeps only the newest record per
 * key in the inactive segments and drops tombstones once they are older than delete.retention.ms. Offsets never
 * change; the active segment is never touched; segments are not merged.
 *
 * <p>A run ({@link #clean}) maps key to newest offset over the dirty inactive segments, from the caller's
 * checkpointed first dirty offset up to the first segment younger than min.compaction.lag.ms, stopping early when
 * the map holds {@code maxMapEntries} keys. Then each inactive segment from the start up to where the map stops is
 * rewritten, if anything in it goes: the copy is written as {@code .cleaned} files, renamed to {@code .swap} (the
 * rename of the {@code .log} file commits it; {@link SegmentFiles} completes it after a crash), and swapped in under
 * the log's lock, the old segment being renamed {@code .deleted} and deleted after file.delete.delay.ms so reads in
 * progress finish. A segment emptied by compaction is dropped, except the first, which stays as an empty segment.
 *
 * <p>Thread-safety: {@link #clean} runs are serialised (one offset map per cleaner); they may run concurrently with
 * appends, reads and retention on the same log. {@link #dirtyRatio} and {@link #needsCleaning} are thread-safe.
 */
public final class LogCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);

    private final Time time;
    private final OffsetMap map;

    /** An inactive segment and the offset after it (the next segment's base). */
    record Span(LogSegment segment, long end) {
    }

    /**
     * @param time          clock for min.compaction.lag.ms and delete.retention.ms
     * @param maxMapEntries the most distinct keys one run maps (about 24-32 bytes each, allocated once), e.g.
     *                      log.cleaner.dedupe.buffer.size / 24
     */
    public LogCleaner(Time time, int maxMapEntries) {
        this.time = time;
        this.map = new OffsetMap(maxMapEntries);
    }

    /**
     * Bytes of the inactive segments holding offsets at or above {@code firstDirtyOffset}, divided by the bytes of
     * all inactive segments; 0 when there are none.
     */
    public double dirtyRatio(PartitionLog log, long firstDirtyOffset) {
        long start = effectiveStart(log, firstDirtyOffset);
        long total = 0;
        long dirty = 0;
        for (Span s : spans(log)) {
            total += s.segment().size();
            if (s.end() > start) {
                dirty += s.segment().size();
            }
        }
        return total == 0 ? 0 : (double) dirty / total;
    }

    /**
     * Whether the log should be compacted now: its policy includes compact, the dirty ratio is at least
     * min.cleanable.dirty.ratio, and the oldest dirty inactive segment is older than min.compaction.lag.ms.
     */
    public boolean needsCleaning(PartitionLog log, long firstDirtyOffset) throws IOException {
        LogConfig config = log.config();
        if (!config.compact) {
            return false;
        }
        long start = effectiveStart(log, firstDirtyOffset);
        boolean cleanable = false;
        for (Span s : spans(log)) {
            if (s.end() > start && s.segment().size() > 0) {
                cleanable = isOldEnough(s.segment(), config);
                break;
            }
        }
        return cleanable && dirtyRatio(log, firstDirtyOffset) >= config.minCleanableDirtyRatio;
    }

    /**
     * Compacts {@code log} (see the class comment). Does nothing unless the policy includes compact and there is a
     * dirty inactive segment older than min.compaction.lag.ms.
     *
     * @param firstDirtyOffset the checkpointed offset below which the log is already compacted (0 or the log start
     *                         when unknown)
     * @return stats and the first dirty offset to checkpoint
     * @throws IOException if reading or writing segment files fails (the log stays consistent)
     */
    public synchronized CleanResult clean(PartitionLog log, long firstDirtyOffset) throws IOException {
        LogConfig config = log.config();
        if (!config.compact) {
            return CleanResult.nothing(firstDirtyOffset);
        }
        long now = time.milliseconds();
        long start = effectiveStart(log, firstDirtyOffset);
        List<Span> spans = spans(log);
        map.clear();
        long mappedEnd = buildOffsetMap(spans, start, config);
        if (mappedEnd <= start) {
            return CleanResult.nothing(firstDirtyOffset);
        }
        int rewritten = 0;
        long before = 0;
        long after = 0;
        long removed = 0;
        long tombstones = 0;
        for (Span s : spans) {
            LogSegment seg = s.segment();
            if (seg.baseOffset() >= mappedEnd) {
                break;
            }
            boolean dropTombstones = seg.largestTimestamp() < now - config.deleteRetentionMs;
            CompactedSegmentWriter writer = new CompactedSegmentWriter(map, mappedEnd, dropTombstones);
            LogSegment cleaned;
            try {
                cleaned = writer.write(seg, log.dir(), config, log.time());
            } catch (IOException e) {
                if (log.containsSegment(seg)) {
                    throw e;
                }
                cleaned = null; // deleted under us, which closed its file
            }
            if (cleaned == null && log.containsSegment(seg)) {
                continue; // nothing to remove
            }
            if (cleaned == null || !swapIn(log, seg, cleaned)) {
                LOG.info("{}: segment {} vanished during compaction; stopping this run", log.dir().getFileName(),
                    seg.baseOffset());
                return new CleanResult(firstDirtyOffset, rewritten, before, after, removed, tombstones, map.size(),
                    true);
            }
            rewritten++;
            before += s.segment().size();
            after += cleaned.size();
            removed += writer.recordsRemoved();
            tombstones += writer.tombstonesDropped();
        }
        LOG.info("{}: compacted up to offset {}: {} segments rewritten, {} -> {} bytes, {} records removed "
            + "({} tombstones)", log.dir().getFileName(), mappedEnd, rewritten, before, after, removed, tombstones);
        return new CleanResult(mappedEnd, rewritten, before, after, removed, tombstones, map.size(), false);
    }

    /**
     * Step 1: maps key to newest offset from {@code start} through the dirty inactive segments that are old enough,
     * stopping at the first keyed record for which the map has no room. Transactional and control batches are not
     * mapped. Returns the offset reached: everything below it is mapped.
     */
    long buildOffsetMap(List<Span> spans, long start, LogConfig config) throws IOException {
        long reached = start;
        for (Span s : spans) {
            LogSegment seg = s.segment();
            if (s.end() <= start) {
                continue;
            }
            if (!isOldEnough(seg, config)) {
                break;
            }
            int limit = seg.size();
            for (LogSegment.BatchInfo b = seg.findBatch(start, limit); b != null;
                 b = seg.batchAt(b.position() + b.size(), limit)) {
                RecordBatch batch = RecordBatch.wrap(new FileSlice(seg.channel(), b.position(), b.size()).read());
                if (batch.isControlBatch() || batch.isTransactional()) {
                    continue;
                }
                for (Record r : batch.records()) {
                    if (r.offset() >= start && r.hasKey() && !map.put(r.key(), r.offset())) {
                        return r.offset();
                    }
                }
            }
            reached = s.end();
        }
        return reached;
    }

    /**
     * Step 2 (done by {@link #swapIn}): renames a written {@code .cleaned} copy to {@code .swap}, log file first;
     * that rename is the commit point after which a restart completes the swap.
     */
    static void commit(LogSegment cleaned) throws IOException {
        cleaned.renameToSuffix(SegmentFiles.SWAP_SUFFIX);
        syncDirectory(cleaned.logFile().getParent());
    }

    /**
     * Step 3: under the log's lock, commits the copy and replaces {@code old} by it (renamed to the standard
     * names), or drops {@code old} if the copy is empty. Returns false, deleting the copy, if {@code old} is no
     * longer in the log (so a crash cannot bring back a segment retention deleted).
     */
    static boolean swapIn(PartitionLog log, LogSegment old, LogSegment cleaned) throws IOException {
        boolean[] swapped = new boolean[1];
        boolean[] dropped = new boolean[1];
        log.withLock(() -> {
            if (!log.containsSegment(old)) {
                return;
            }
            // an emptied first segment stays (empty) so that its base offset keeps the log start where it was
            // across a restart; any other emptied segment is dropped
            boolean first = log.segmentBaseOffsets().get(0) == old.baseOffset();
            if (cleaned.size() == 0 && !first) {
                dropped[0] = true;
                log.removeSegment(old);
            } else {
                commit(cleaned);
                log.replaceSegment(old, cleaned);
                cleaned.renameToSuffix("");
            }
            swapped[0] = true;
        });
        if (!swapped[0] || dropped[0]) {
            cleaned.delete();
        }
        return swapped[0];
    }

    /** The offset map of the last run (for tests). */
    OffsetMap offsetMap() {
        return map;
    }

    private boolean isOldEnough(LogSegment seg, LogConfig config) throws IOException {
        return seg.largestTimestamp() <= time.milliseconds() - config.minCompactionLagMs;
    }

    /** The checkpoint, or the log start when the checkpoint is outside the log (e.g. after truncation). */
    private static long effectiveStart(PartitionLog log, long firstDirtyOffset) {
        long logStart = log.logStartOffset();
        return firstDirtyOffset < logStart || firstDirtyOffset > log.logEndOffset() ? logStart : firstDirtyOffset;
    }

    /** The inactive segments, oldest first, each with the next segment's base as its end. */
    static List<Span> spans(PartitionLog log) {
        List<LogSegment> inactive = log.inactiveSegments();
        List<Long> bases = log.segmentBaseOffsets();
        List<Span> spans = new ArrayList<>(inactive.size());
        for (int i = 0; i < inactive.size(); i++) {
            long base = inactive.get(i).baseOffset();
            long end = i + 1 < inactive.size() ? inactive.get(i + 1).baseOffset()
                : bases.stream().filter(b -> b > base).findFirst().orElse(log.logEndOffset());
            spans.add(new Span(inactive.get(i), end));
        }
        return spans;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("could not fsync directory {}: {}", dir, e.toString());
        }
    }
}
