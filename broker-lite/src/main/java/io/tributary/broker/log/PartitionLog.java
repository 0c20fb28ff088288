package io.tributary.broker.log;

import static io.tributary.record.RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET;
import static io.tributary.record.RecordBatchDescriptor.LENGTH_OFFSET;
import static io.tributary.record.RecordBatchDescriptor.LOG_OVERHEAD;

import io.tributary.common.Errors;
import io.tributary.common.Time;
import io.tributary.common.TributaryException;
import io.tributary.record.BatchSummary;
import io.tributary.record.MemoryRecords;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordException;
import io.tributary.record.TimestampType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: a directory of {@link LogSegment}s, appended to at the end, read from anywhere between
 * the log start offset and the log end offset, shortened at the front by retention and DeleteRecords.
 *
 * <p>Thread-safety: appends and every structural change take the log's lock; reads take none and see a consistent
 * end (offset and file position published together after each append).
 */
public final class PartitionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final Path dir;
    private final Time time;
    private final ScheduledExecutorService scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private volatile LogConfig config;
    /** The log end: next offset and the byte size of the active segment that holds everything below it. */
    private volatile LogEnd end;
    private volatile long logStartOffset;
    private volatile long recoveryPoint;
    private long unflushedRecords;
    private volatile long lastFlushMs;

    private record LogEnd(long nextOffset, long segmentBase, int segmentSize) {
    }

    private PartitionLog(Path dir, LogConfig config, Time time, ScheduledExecutorService scheduler) {
        this.dir = dir;
        this.config = config;
        this.time = time;
        this.scheduler = scheduler;
        this.lastFlushMs = time.milliseconds();
    }

    /**
     * Opens the log in {@code dir} (creating it if needed). After an unclean shutdown every segment from the one
     * holding {@code recoveryPoint} on is scanned and cut at the first torn or corrupt batch; after a clean one only
     * the indexes are checked (and rebuilt if damaged or missing).
     *
     * @param scheduler runs delayed file deletions; null deletes at once
     */
    public static PartitionLog open(Path dir, LogConfig config, Time time, ScheduledExecutorService scheduler,
                                    long recoveryPoint, long logStartOffset, boolean cleanShutdown) throws IOException {
        Files.createDirectories(dir);
        PartitionLog log = new PartitionLog(dir, config, time, scheduler);
        log.load(recoveryPoint, logStartOffset, cleanShutdown);
        return log;
    }

    private void load(long checkpointedRecoveryPoint, long checkpointedStart, boolean cleanShutdown) throws IOException {
        SegmentFiles.completeInterruptedSwaps(dir);
        List<Long> bases = SegmentFiles.baseOffsets(dir);
        for (long base : bases) {
            // checked before opening, which creates missing index files
            boolean indexesMissing = !Files.exists(dir.resolve(LogSegment.fileName(base, LogSegment.INDEX_SUFFIX)))
                || !Files.exists(dir.resolve(LogSegment.fileName(base, LogSegment.TIME_INDEX_SUFFIX)));
            LogSegment seg = LogSegment.open(dir, base, config, time);
            segments.put(base, seg);
            if (indexesMissing) {
                seg.recover(Integer.MAX_VALUE);
            }
        }
        if (!cleanShutdown) {
            recoverFrom(checkpointedRecoveryPoint);
        } else {
            for (LogSegment seg : segments.values()) {
                try {
                    seg.sanityCheckIndexes();
                } catch (RecordException e) {
                    LOG.warn("{}: rebuilding damaged index: {}", dir, e.getMessage());
                    seg.recover(Integer.MAX_VALUE);
                }
            }
        }
        if (segments.isEmpty()) {
            long base = Math.max(0, checkpointedStart);
            segments.put(base, LogSegment.open(dir, base, config, time));
        }
        LogSegment active = segments.lastEntry().getValue();
        for (LogSegment seg : segments.headMap(active.baseOffset()).values()) {
            seg.trimIndexes();
        }
        active.resizeIndexes(config.segmentIndexBytes);
        long next = active.readNextOffset();
        end = new LogEnd(next, active.baseOffset(), active.size());
        logStartOffset = Math.min(Math.max(checkpointedStart, segments.firstKey()), next);
        recoveryPoint = next;
    }

    private void recoverFrom(long point) throws IOException {
        Map.Entry<Long, LogSegment> from = segments.floorEntry(point);
        Collection<LogSegment> toCheck = from == null ? segments.values()
            : segments.tailMap(from.getKey(), true).values();
        boolean truncated = false;
        for (LogSegment seg : new ArrayList<>(toCheck)) {
            if (truncated) {
                LOG.warn("{}: deleting segment {} that follows a corrupt one", dir, seg.baseOffset());
                segments.remove(seg.baseOffset());
                seg.delete();
                continue;
            }
            truncated = seg.recover(Integer.MAX_VALUE) > 0;
        }
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Applies changed topic settings to later appends, rolls and retention runs. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset the next appended record will get. */
    public long logEndOffset() {
        return end.nextOffset();
    }

    /** On a single node everything appended is committed: the high watermark is the log end. */
    public long highWatermark() {
        return end.nextOffset();
    }

    /** Offsets below this are known to be on disk. */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    public int numberOfSegments() {
        return segments.size();
    }

    /** Total bytes of every segment. */
    public long size() {
        return segments.values().stream().mapToLong(LogSegment::size).sum();
    }

    /** Segment base offsets, oldest first (for tests and tools). */
    public List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    /**
     * Validates the batches (magic, CRC, record counts, sizes), gives them consecutive offsets from the log end by
     * rewriting each base offset in place, stamps LogAppendTime when the topic asks for it, and appends them.
     *
     * @throws RecordException for corrupt or invalid batches; nothing is written
     * @throws TributaryException MESSAGE_TOO_LARGE for a batch above max.message.bytes, KAFKA_STORAGE_ERROR on I/O failure
     */
    public LogAppendInfo append(ByteBuffer records) {
        List<BatchSummary> summaries = MemoryRecords.readableRecords(records.duplicate()).validate();
        LogConfig cfg = config;
        for (BatchSummary s : summaries) {
            if (s.sizeInBytes() > cfg.maxMessageBytes) {
                throw new TributaryException(Errors.MESSAGE_TOO_LARGE, "batch of " + s.sizeInBytes()
                    + " bytes exceeds max.message.bytes " + cfg.maxMessageBytes + " of " + dir.getFileName());
            }
        }
        if (records.remaining() > cfg.segmentBytes) {
            throw new TributaryException(Errors.RECORD_LIST_TOO_LARGE, records.remaining()
                + " bytes cannot fit a segment of " + cfg.segmentBytes + " bytes");
        }
        lock.lock();
        try {
            return appendLocked(records, summaries, cfg);
        } catch (IOException e) {
            throw new TributaryException(Errors.KAFKA_STORAGE_ERROR, "append to " + dir + " failed: " + e, e);
        } finally {
            lock.unlock();
        }
    }

    private LogAppendInfo appendLocked(ByteBuffer records, List<BatchSummary> summaries, LogConfig cfg)
            throws IOException {
        long now = time.milliseconds();
        boolean logAppendTime = cfg.timestampType == TimestampType.LOG_APPEND_TIME;
        long first = end.nextOffset();
        long next = first;
        long maxTimestamp = -1;
        long offsetOfMax = first;
        int count = 0;
        int p = records.position();
        for (BatchSummary s : summaries) {
            RecordBatch.setBaseOffset(records, p, next);
            if (logAppendTime) {
                RecordBatch.setLogAppendTime(records, p, now);
            }
            long last = next + records.getInt(p + LAST_OFFSET_DELTA_OFFSET);
            long batchMax = logAppendTime ? now : s.maxTimestamp();
            if (batchMax > maxTimestamp) {
                maxTimestamp = batchMax;
                offsetOfMax = last;
            }
            count += s.recordCount();
            next = last + 1;
            p += records.getInt(p + LENGTH_OFFSET) + LOG_OVERHEAD;
        }
        LogSegment active = maybeRoll(records.remaining(), next - 1, maxTimestamp, now);
        active.append(records);
        end = new LogEnd(next, active.baseOffset(), active.size());
        unflushedRecords += count;
        if (unflushedRecords >= cfg.flushMessages) {
            flushLocked();
        }
        return new LogAppendInfo(first, next - 1, maxTimestamp, offsetOfMax, logAppendTime ? now : -1,
            logStartOffset, count, records.remaining());
    }

    private LogSegment maybeRoll(int bytes, long lastOffset, long maxTimestamp, long now) throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        if (active.shouldRoll(config, bytes, lastOffset, maxTimestamp, now)) {
            return rollLocked();
        }
        return active;
    }

    /** Starts a new active segment at the log end. */
    public void roll() {
        lock.lock();
        try {
            rollLocked();
        } catch (IOException e) {
            throw new TributaryException(Errors.KAFKA_STORAGE_ERROR, "roll of " + dir + " failed: " + e, e);
        } finally {
            lock.unlock();
        }
    }

    private LogSegment rollLocked() throws IOException {
        LogSegment old = segments.lastEntry().getValue();
        long base = end.nextOffset();
        if (old.baseOffset() == base) {
            return old; // empty active segment: nothing to roll
        }
        old.onBecomeInactive();
        LogSegment fresh = LogSegment.open(dir, base, config, time);
        segments.put(base, fresh);
        end = new LogEnd(base, base, 0);
        LOG.debug("{}: rolled new segment at offset {}", dir, base);
        return fresh;
    }

    /**
     * Reads batches from the one holding {@code offset}: up to {@code maxBytes}, or the whole first batch when
     * {@code minOneBatch}.
     *
     * @throws TributaryException OFFSET_OUT_OF_RANGE if {@code offset} is below the log start or above the log end
     */
    public LogReadResult read(long offset, int maxBytes, boolean minOneBatch) {
        LogEnd e = end;
        long start = logStartOffset;
        if (offset < start || offset > e.nextOffset()) {
            throw new TributaryException(Errors.OFFSET_OUT_OF_RANGE, "offset " + offset + " is outside ["
                + start + ", " + e.nextOffset() + "] of " + dir.getFileName());
        }
        try {
            Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
            if (entry == null) {
                entry = segments.firstEntry(); // compaction removed an emptied first segment
            }
            while (entry != null && offset < e.nextOffset()) {
                LogSegment seg = entry.getValue();
                int maxPosition = seg.baseOffset() == e.segmentBase() ? e.segmentSize() : seg.size();
                if (seg.baseOffset() > e.segmentBase()) {
                    break;
                }
                FileSlice slice = seg.read(offset, maxBytes, maxPosition, minOneBatch);
                if (slice != null) {
                    return new LogReadResult(slice, e.nextOffset(), start);
                }
                entry = segments.higherEntry(entry.getKey());
            }
            LogSegment last = segments.lastEntry().getValue();
            return new LogReadResult(FileSlice.empty(last.channel()), e.nextOffset(), start);
        } catch (IOException ex) {
            throw new TributaryException(Errors.KAFKA_STORAGE_ERROR, "read of " + dir + " failed: " + ex, ex);
        }
    }

    /**
     * ListOffsets: the earliest, latest or max-timestamp offset for the special values in {@link TimestampAndOffset},
     * otherwise the first record whose timestamp is at least {@code timestamp}; empty when there is none.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        if (timestamp == TimestampAndOffset.EARLIEST || timestamp == TimestampAndOffset.EARLIEST_LOCAL) {
            return Optional.of(new TimestampAndOffset(-1, logStartOffset));
        }
        if (timestamp == TimestampAndOffset.LATEST) {
            return Optional.of(new TimestampAndOffset(-1, logEndOffset()));
        }
        try {
            if (timestamp == TimestampAndOffset.MAX_TIMESTAMP) {
                return maxTimestampOffset();
            }
            if (timestamp < 0) {
                return Optional.empty();
            }
            for (LogSegment seg : segments.values()) {
                if (seg.maxTimestampSoFar() < timestamp) {
                    continue;
                }
                long from = Math.max(seg.timeIndex().lookup(timestamp).offset(), logStartOffset);
                Optional<TimestampAndOffset> found = firstRecordAtOrAfter(seg, from, timestamp);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<TimestampAndOffset> firstRecordAtOrAfter(LogSegment seg, long fromOffset, long timestamp)
            throws IOException {
        LogSegment.BatchInfo b = seg.findBatch(fromOffset, seg.size());
        while (b != null) {
            if (b.maxTimestamp() >= timestamp) {
                for (Record r : decode(seg, b)) {
                    if (r.timestamp() >= timestamp && r.offset() >= logStartOffset) {
                        return Optional.of(new TimestampAndOffset(r.timestamp(), r.offset()));
                    }
                }
            }
            b = seg.batchAt(b.position() + b.size(), seg.size());
        }
        return Optional.empty();
    }

    private Optional<TimestampAndOffset> maxTimestampOffset() throws IOException {
        LogSegment best = null;
        for (LogSegment seg : segments.values()) {
            if (seg.maxTimestampSoFar() >= 0 && (best == null || seg.maxTimestampSoFar() > best.maxTimestampSoFar())) {
                best = seg;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return firstRecordAtOrAfter(best, best.baseOffset(), best.maxTimestampSoFar());
    }

    private static List<Record> decode(LogSegment seg, LogSegment.BatchInfo b) {
        ByteBuffer bytes = new FileSlice(seg.channel(), b.position(), b.size()).read();
        return RecordBatch.wrap(bytes).records();
    }

    /**
     * DeleteRecords: moves the log start offset up to {@code offset} (at most the high watermark) and deletes the
     * segments wholly below it. Returns the new log start offset.
     */
    public long deleteRecordsBefore(long offset) {
        lock.lock();
        try {
            if (offset > highWatermark()) {
                throw new TributaryException(Errors.OFFSET_OUT_OF_RANGE, "offset " + offset
                    + " is above the high watermark " + highWatermark());
            }
            if (offset > logStartOffset) {
                logStartOffset = offset;
            }
            deleteSegmentsBelowStart();
            return logStartOffset;
        } catch (IOException e) {
            throw new TributaryException(Errors.KAFKA_STORAGE_ERROR, "delete records in " + dir + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    private int deleteSegmentsBelowStart() throws IOException {
        List<LogSegment> doomed = new ArrayList<>();
        for (Map.Entry<Long, LogSegment> e : segments.entrySet()) {
            Long nextBase = segments.higherKey(e.getKey());
            long segEnd = nextBase != null ? nextBase : end.nextOffset();
            if (segEnd <= logStartOffset && e.getValue().size() > 0) {
                doomed.add(e.getValue());
            } else {
                break;
            }
        }
        return deleteSegments(doomed, "log start offset " + logStartOffset);
    }

    /**
     * Applies retention: by time (retention.ms), by size (retention.bytes) and by the log start offset, deleting whole
     * segments, oldest first; the active segment goes too when it has expired (a new one is rolled). Only for
     * cleanup.policy containing delete (the log start offset rule always applies). Returns segments deleted.
     */
    public int deleteOldSegments() {
        lock.lock();
        try {
            int deleted = 0;
            LogConfig cfg = config;
            long now = time.milliseconds();
            if (cfg.delete && cfg.retentionMs >= 0) {
                List<LogSegment> expired = new ArrayList<>();
                for (LogSegment seg : segments.values()) {
                    if (seg.size() > 0 && now - seg.largestTimestamp() > cfg.retentionMs) {
                        expired.add(seg);
                    } else {
                        break;
                    }
                }
                deleted += deleteSegments(expired, "retention.ms " + cfg.retentionMs);
            }
            if (cfg.delete && cfg.retentionBytes >= 0) {
                long excess = size() - cfg.retentionBytes;
                List<LogSegment> oversize = new ArrayList<>();
                for (LogSegment seg : segments.values()) {
                    if (seg.size() > 0 && excess - seg.size() >= 0) {
                        oversize.add(seg);
                        excess -= seg.size();
                    } else {
                        break;
                    }
                }
                deleted += deleteSegments(oversize, "retention.bytes " + cfg.retentionBytes);
            }
            return deleted + deleteSegmentsBelowStart();
        } catch (IOException e) {
            throw new TributaryException(Errors.KAFKA_STORAGE_ERROR, "retention of " + dir + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    private int deleteSegments(List<LogSegment> doomed, String reason) throws IOException {
        if (doomed.isEmpty()) {
            return 0;
        }
        if (doomed.size() == segments.size()) {
            rollLocked(); // never leave the log without a segment to append to
        }
        for (LogSegment seg : doomed) {
            segments.remove(seg.baseOffset());
            Long nextBase = segments.ceilingKey(seg.baseOffset());
            if (nextBase != null && nextBase > logStartOffset) {
                logStartOffset = nextBase;
            }
            LOG.info("{}: deleting segment {} ({})", dir.getFileName(), seg.baseOffset(), reason);
            seg.renameWithSuffix(LogSegment.DELETED_SUFFIX);
            scheduleDelete(seg);
        }
        return doomed.size();
    }

    private void scheduleDelete(LogSegment seg) throws IOException {
        long delay = config.fileDeleteDelayMs;
        if (scheduler == null || delay == 0) {
            seg.delete();
            return;
        }
        scheduler.schedule(() -> {
            try {
                seg.delete();
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", seg, e.toString());
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Removes every batch holding an offset at or above {@code offset}. Truncation works on whole batches: the log
     * end becomes the end of the last batch kept (which is {@code offset} when it is a batch boundary). Cutting at or
     * below the first segment empties the log and restarts it at {@code offset}.
     */
    public void truncateTo(long offset) {
        lock.lock();
        try {
            if (offset >= end.nextOffset()) {
                return;
            }
            LogSegment active;
            long next;
            if (offset <= segments.firstKey()) {
                for (LogSegment seg : segments.values()) {
                    seg.delete();
                }
                segments.clear();
                active = LogSegment.open(dir, offset, config, time);
                segments.put(offset, active);
                next = offset;
                logStartOffset = offset;
            } else {
                for (LogSegment seg : new ArrayList<>(segments.tailMap(offset, true).values())) {
                    segments.remove(seg.baseOffset());
                    seg.delete();
                }
                active = segments.lastEntry().getValue();
                active.truncateTo(offset);
                active.resizeIndexes(config.segmentIndexBytes);
                next = active.readNextOffset();
            }
            end = new LogEnd(next, active.baseOffset(), active.size());
            logStartOffset = Math.min(logStartOffset, next);
            recoveryPoint = Math.min(recoveryPoint, next);
        } catch (IOException e) {
            throw new TributaryException(Errors.KAFKA_STORAGE_ERROR, "truncate of " + dir + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Forces everything appended to disk and moves the recovery point to the log end. */
    public void flush() {
        lock.lock();
        try {
            flushLocked();
        } catch (IOException e) {
            throw new TributaryException(Errors.KAFKA_STORAGE_ERROR, "flush of " + dir + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void flushLocked() throws IOException {
        long target = end.nextOffset();
        if (target == recoveryPoint && unflushedRecords == 0) {
            return;
        }
        Map.Entry<Long, LogSegment> from = segments.floorEntry(recoveryPoint);
        for (LogSegment seg : (from == null ? segments : segments.tailMap(from.getKey(), true)).values()) {
            seg.flush();
        }
        recoveryPoint = target;
        unflushedRecords = 0;
        lastFlushMs = time.milliseconds();
    }

    /** Flushes if unflushed data is older than flush.ms. */
    public void flushIfDue() {
        if (recoveryPoint < end.nextOffset() && time.milliseconds() - lastFlushMs >= config.flushMs) {
            flush();
        }
    }

    /**
     * Visits the header of every batch from the log start to the log end, oldest first (producer state is rebuilt
     * from these after a restart).
     */
    public void scanBatchHeaders(java.util.function.Consumer<BatchHeader> visitor) {
        LogEnd e = end;
        try {
            for (LogSegment seg : segments.values()) {
                int limit = seg.baseOffset() == e.segmentBase() ? e.segmentSize() : seg.size();
                for (LogSegment.BatchInfo b = seg.batchAt(0, limit); b != null;
                     b = seg.batchAt(b.position() + b.size(), limit)) {
                    if (b.lastOffset() < logStartOffset) {
                        continue;
                    }
                    ByteBuffer h = new FileSlice(seg.channel(), b.position(),
                        io.tributary.record.RecordBatchDescriptor.HEADER_SIZE).read();
                    short attributes = h.getShort(io.tributary.record.RecordBatchDescriptor.ATTRIBUTES_OFFSET);
                    visitor.accept(new BatchHeader(b.baseOffset(), b.lastOffset(), b.maxTimestamp(),
                        h.getLong(io.tributary.record.RecordBatchDescriptor.PRODUCER_ID_OFFSET),
                        h.getShort(io.tributary.record.RecordBatchDescriptor.PRODUCER_EPOCH_OFFSET),
                        h.getInt(io.tributary.record.RecordBatchDescriptor.BASE_SEQUENCE_OFFSET),
                        (attributes & io.tributary.record.RecordBatchDescriptor.CONTROL_FLAG_MASK) != 0));
                }
            }
        } catch (IOException ex) {
            throw new TributaryException(Errors.KAFKA_STORAGE_ERROR, "scan of " + dir + " failed: " + ex, ex);
        }
    }

    /** Segments the cleaner may compact: all but the active one, oldest first. */
    List<LogSegment> inactiveSegments() {
        List<LogSegment> all = new ArrayList<>(segments.values());
        return all.subList(0, all.size() - 1);
    }

    /** Runs {@code action} holding the log's lock (used by the cleaner to swap segments). */
    void withLock(IORunnable action) throws IOException {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Replaces a segment by a compacted copy with the same base offset (caller holds the lock). */
    void replaceSegment(LogSegment old, LogSegment cleaned) throws IOException {
        segments.put(cleaned.baseOffset(), cleaned);
        old.renameWithSuffix(LogSegment.DELETED_SUFFIX);
        scheduleDelete(old);
    }

    /**
     * Drops an inactive segment that compaction emptied (caller holds the lock); its offsets stay valid and reads
     * of them continue at the next segment.
     */
    void removeSegment(LogSegment old) throws IOException {
        segments.remove(old.baseOffset(), old);
        old.renameWithSuffix(LogSegment.DELETED_SUFFIX);
        scheduleDelete(old);
    }

    boolean containsSegment(LogSegment seg) {
        return segments.get(seg.baseOffset()) == seg;
    }

    Time time() {
        return time;
    }

    /** An action that may fail with an I/O error. */
    @FunctionalInterface
    interface IORunnable {
        void run() throws IOException;
    }

    /** Flushes and closes every segment. */
    @Override
    public void close() {
        lock.lock();
        try {
            flushLocked();
            for (LogSegment seg : segments.values()) {
                seg.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the log and removes its directory (DeleteTopics). */
    public void delete() throws IOException {
        lock.lock();
        try {
            for (LogSegment seg : segments.values()) {
                seg.delete();
            }
            segments.clear();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PartitionLog(" + dir + ", start=" + logStartOffset + ", end=" + end.nextOffset() + ")";
    }
}
