package io.tributary.broker.log;

import static io.tributary.record.RecordBatchDescriptor.BASE_OFFSET_OFFSET;
import static io.tributary.record.RecordBatchDescriptor.HEADER_SIZE;
import static io.tributary.record.RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET;
import static io.tributary.record.RecordBatchDescriptor.LENGTH_OFFSET;
import static io.tributary.record.RecordBatchDescriptor.LOG_OVERHEAD;
import static io.tributary.record.RecordBatchDescriptor.MAX_TIMESTAMP_OFFSET;
import static io.tributary.record.RecordBatchDescriptor.MIN_BATCH_LENGTH;

import io.tributary.common.Time;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment of a partition log: the {@code .log} file of batches starting at {@link #baseOffset()}, with its
 * sparse {@link OffsetIndex} and {@link TimeIndex}. Batches are stored exactly as received, with only their base
 * offset rewritten by the log before the append.
 *
 * <p>Thread-safety: appends, truncation, recovery and closing are serialised by the owning {@link PartitionLog};
 * reads may run concurrently with an append and see only bytes below the size they were given.
 */
final class LogSegment {
    private static final Logger LOG = LoggerFactory.getLogger(LogSegment.class);
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    static final String DELETED_SUFFIX = ".deleted";
    /** Bytes of a batch header needed to know its offsets, size and max timestamp. */
    private static final int PEEK_SIZE = MAX_TIMESTAMP_OFFSET + Long.BYTES;

    private final long baseOffset;
    private final int indexIntervalBytes;
    private final int maxIndexSize;
    private final long created;
    private Path logFile;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private volatile int size;
    private int bytesSinceLastIndexEntry;
    private volatile long maxTimestampSoFar = -1;
    private volatile long offsetOfMaxTimestampSoFar;
    /** The max timestamp of the first batch, which segment.ms measures from (as Kafka does). */
    private long rollingBasedTimestamp = -1;

    /** Opens a segment's .log file; tests replace it to simulate a failing disk. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    static volatile ChannelOpener channelOpener = file -> FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);

    /** A batch as seen from its header in the file. */
    record BatchInfo(int position, long baseOffset, long lastOffset, int size, long maxTimestamp) {
        long nextOffset() {
            return lastOffset + 1;
        }
    }

    private LogSegment(Path dir, long baseOffset, String suffix, LogConfig config, Time time) throws IOException {
        this.baseOffset = baseOffset;
        this.indexIntervalBytes = config.indexIntervalBytes;
        this.maxIndexSize = config.segmentIndexBytes;
        this.created = time.milliseconds();
        this.logFile = dir.resolve(fileName(baseOffset, LOG_SUFFIX) + suffix);
        this.channel = channelOpener.open(logFile);
        this.size = (int) Math.min(channel.size(), Integer.MAX_VALUE);
        this.offsetIndex = new OffsetIndex(dir.resolve(fileName(baseOffset, INDEX_SUFFIX) + suffix), baseOffset,
            config.segmentIndexBytes);
        this.timeIndex = new TimeIndex(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX) + suffix), baseOffset,
            config.segmentIndexBytes);
        TimeIndex.TimestampOffset last = timeIndex.lastEntry();
        this.maxTimestampSoFar = last.timestamp();
        this.offsetOfMaxTimestampSoFar = last.offset();
    }

    /** Opens (or creates) the segment whose files are named after {@code baseOffset} in {@code dir}. */
    static LogSegment open(Path dir, long baseOffset, LogConfig config, Time time) throws IOException {
        return new LogSegment(dir, baseOffset, "", config, time);
    }

    /** Opens (or creates) a segment whose file names carry {@code suffix} (e.g. ".cleaned" for compaction output). */
    static LogSegment open(Path dir, long baseOffset, String suffix, LogConfig config, Time time) throws IOException {
        return new LogSegment(dir, baseOffset, suffix, config, time);
    }

    /** The 20-digit zero-padded file name Kafka uses, e.g. {@code 00000000000000000042.log}. */
    static String fileName(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    long baseOffset() {
        return baseOffset;
    }

    int size() {
        return size;
    }

    Path logFile() {
        return logFile;
    }

    FileChannel channel() {
        return channel;
    }

    /** The largest timestamp appended so far, or -1. */
    long maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    long offsetOfMaxTimestampSoFar() {
        return offsetOfMaxTimestampSoFar;
    }

    /** What retention.ms compares with: the newest timestamp in the segment, else the file's modification time. */
    long largestTimestamp() throws IOException {
        return maxTimestampSoFar >= 0 ? maxTimestampSoFar : Files.getLastModifiedTime(logFile).toMillis();
    }

    /**
     * Whether a batch set of {@code bytes} bytes whose last offset is {@code lastOffset} and largest timestamp
     * {@code maxTimestampIncoming} must go to a new segment:
     * this one would exceed segment.bytes, its first batch is older than segment.ms, an index is full, or the
     * offsets would not fit the indexes' 32-bit relative offsets.
     */
    boolean shouldRoll(LogConfig config, int bytes, long lastOffset, long maxTimestampIncoming, long now) {
        // As Kafka: time is measured in record time (incoming max timestamp minus the first batch's), falling
        // back to wall-clock time since creation when the segment has no timestamps yet.
        long waited = rollingBasedTimestamp >= 0 ? maxTimestampIncoming - rollingBasedTimestamp : now - created;
        boolean timeUp = size > 0 && waited > config.segmentMs;
        return size > config.segmentBytes - bytes || timeUp || offsetIndex.isFull() || timeIndex.isFull()
            || lastOffset - baseOffset > Integer.MAX_VALUE;
    }

    /**
     * Appends batches whose offsets are already assigned, updating the sparse indexes every
     * index.interval.bytes. The buffer's position is not moved.
     */
    void append(ByteBuffer batches) throws IOException {
        int position = size;
        ByteBuffer src = batches.duplicate();
        try {
            while (src.hasRemaining()) {
                int written = channel.write(src, position + (src.position() - batches.position()));
                if (written <= 0 && src.hasRemaining()) {
                    throw new IOException("could not write to " + logFile);
                }
            }
        } catch (IOException e) {
            // a partial write (disk full) must not leave bytes past the end: readers and a clean restart trust size
            try {
                channel.truncate(position);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        int p = batches.position();
        while (p < batches.limit()) {
            int batchSize = batches.getInt(p + LENGTH_OFFSET) + LOG_OVERHEAD;
            long batchMax = batches.getLong(p + MAX_TIMESTAMP_OFFSET);
            long lastOffset = batches.getLong(p + BASE_OFFSET_OFFSET) + batches.getInt(p + LAST_OFFSET_DELTA_OFFSET);
            onBatchAppended(position + (p - batches.position()), lastOffset, batchSize, batchMax);
            p += batchSize;
        }
        size = position + batches.remaining();
    }

    private void onBatchAppended(int position, long lastOffset, int batchSize, long batchMaxTimestamp) {
        if (rollingBasedTimestamp < 0) {
            rollingBasedTimestamp = batchMaxTimestamp >= 0 ? batchMaxTimestamp : created;
        }
        if (batchMaxTimestamp > maxTimestampSoFar) {
            maxTimestampSoFar = batchMaxTimestamp;
            offsetOfMaxTimestampSoFar = lastOffset;
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes) {
            offsetIndex.append(lastOffset, position);
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batchSize;
    }

    /** Reads the header of the batch at {@code position}, or null if fewer than a header's bytes remain below {@code limit}. */
    BatchInfo batchAt(int position, int limit) throws IOException {
        if (limit - position < HEADER_SIZE) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(PEEK_SIZE);
        while (head.hasRemaining()) {
            if (channel.read(head, position + head.position()) < 0) {
                return null;
            }
        }
        long base = head.getLong(BASE_OFFSET_OFFSET);
        int length = head.getInt(LENGTH_OFFSET);
        if (length < MIN_BATCH_LENGTH) {
            return null;
        }
        return new BatchInfo(position, base, base + head.getInt(LAST_OFFSET_DELTA_OFFSET), length + LOG_OVERHEAD,
            head.getLong(MAX_TIMESTAMP_OFFSET));
    }

    /**
     * The first batch whose last offset is at least {@code offset}, scanning from the index hint; null if none
     * below {@code limit} (a file position).
     */
    BatchInfo findBatch(long offset, int limit) throws IOException {
        int position = offsetIndex.lookup(offset).position();
        BatchInfo b;
        while ((b = batchAt(position, limit)) != null) {
            if (b.lastOffset() >= offset) {
                return b;
            }
            position += b.size();
        }
        return null;
    }

    /**
     * Batches from the one holding {@code offset}, up to {@code maxSize} bytes (but the whole first batch when
     * {@code minOneBatch}), never past {@code maxPosition}. Null when no batch there holds that offset.
     */
    FileSlice read(long offset, int maxSize, int maxPosition, boolean minOneBatch) throws IOException {
        int limit = Math.min(maxPosition, size);
        BatchInfo first = findBatch(offset, limit);
        if (first == null) {
            return null;
        }
        int wanted = minOneBatch ? Math.max(maxSize, first.size()) : maxSize;
        int length = (int) Math.min(wanted, (long) limit - first.position());
        return new FileSlice(channel, first.position(), Math.max(0, length), logFile);
    }

    /** The offset after the last batch (the base offset when empty). */
    long readNextOffset() throws IOException {
        int position = offsetIndex.lookup(Long.MAX_VALUE).position();
        long next = baseOffset;
        BatchInfo b;
        while ((b = batchAt(position, size)) != null) {
            next = b.nextOffset();
            position += b.size();
        }
        return next;
    }

    /**
     * Scans the whole file, checking each batch (length, magic, CRC, offsets that only grow), rebuilds both
     * indexes, and truncates at the first batch that is torn or corrupt.
     *
     * @return the bytes truncated
     */
    int recover(int maxBatchSize) throws IOException {
        offsetIndex.truncateToEntries(0);
        timeIndex.truncateToEntries(0);
        // a trimmed index may need more room than it had: the rebuild need not place entries where appends did
        offsetIndex.resize(maxIndexSize);
        timeIndex.resize(maxIndexSize);
        bytesSinceLastIndexEntry = 0;
        maxTimestampSoFar = -1;
        offsetOfMaxTimestampSoFar = baseOffset;
        rollingBasedTimestamp = -1;
        int fileSize = (int) Math.min(channel.size(), Integer.MAX_VALUE);
        int position = 0;
        long expectedAtLeast = baseOffset;
        BatchInfo b;
        while ((b = batchAt(position, fileSize)) != null) {
            if (b.size() > fileSize - position || b.size() > maxBatchSize || b.baseOffset() < expectedAtLeast
                || b.lastOffset() < b.baseOffset()) {
                break;
            }
            ByteBuffer batch = ByteBuffer.allocate(b.size());
            while (batch.hasRemaining() && channel.read(batch, position + batch.position()) >= 0) {
                // keep reading
            }
            batch.flip();
            try {
                RecordBatch.wrap(batch).ensureValid();
            } catch (RecordException e) {
                LOG.warn("{}: corrupt batch at position {}: {}", logFile, position, e.getMessage());
                break;
            }
            onBatchAppended(position, b.lastOffset(), b.size(), b.maxTimestamp());
            expectedAtLeast = b.nextOffset();
            position += b.size();
        }
        int truncated = fileSize - position;
        if (truncated > 0) {
            LOG.warn("{}: truncating {} bytes of torn or corrupt data at position {}", logFile, truncated, position);
            channel.truncate(position);
        }
        size = position;
        return truncated;
    }

    /** Checks both indexes; a damaged one throws a {@link io.tributary.record.CorruptRecordException}. */
    void sanityCheckIndexes() {
        offsetIndex.sanityCheck(size);
        timeIndex.sanityCheck();
    }

    /** Removes every batch holding an offset {@code >= offset}; returns the bytes removed. */
    int truncateTo(long offset) throws IOException {
        BatchInfo b = findBatch(offset, size);
        if (b == null) {
            return 0;
        }
        int removed = size - b.position();
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        channel.truncate(b.position());
        size = b.position();
        bytesSinceLastIndexEntry = 0;
        TimeIndex.TimestampOffset last = timeIndex.lastEntry();
        maxTimestampSoFar = last.timestamp();
        offsetOfMaxTimestampSoFar = last.offset();
        if (size == 0) {
            rollingBasedTimestamp = -1;
        }
        return removed;
    }

    /** Trims both indexes to their entries (a segment that will take no more appends). */
    void trimIndexes() throws IOException {
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    /** Called when a newer segment takes over appends: records the final max timestamp and trims the indexes. */
    void onBecomeInactive() throws IOException {
        forceTimeIndexEntry();
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    private void forceTimeIndexEntry() {
        if (maxTimestampSoFar >= 0 && maxTimestampSoFar > timeIndex.lastEntry().timestamp()) {
            if (timeIndex.isFull()) {
                return;
            }
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
        }
    }

    /** Reopened as the active segment: give the indexes room to grow again. */
    void resizeIndexes(int maxIndexSize) throws IOException {
        offsetIndex.resize(maxIndexSize);
        timeIndex.resize(maxIndexSize);
    }

    TimeIndex timeIndex() {
        return timeIndex;
    }

    OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    void flush() throws IOException {
        channel.force(true);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Flushes, trims the indexes and closes the files. */
    void close() throws IOException {
        forceTimeIndexEntry();
        if (channel.isOpen()) {
            channel.force(true);
            channel.close();
        }
        offsetIndex.close();
        timeIndex.close();
    }

    /** Renames every file of the segment with {@code suffix} appended (e.g. ".deleted"); reads keep working. */
    void renameWithSuffix(String suffix) throws IOException {
        Path target = logFile.resolveSibling(logFile.getFileName() + suffix);
        Files.move(logFile, target);
        logFile = target;
        offsetIndex.renameTo(offsetIndex.file().resolveSibling(offsetIndex.file().getFileName() + suffix));
        timeIndex.renameTo(timeIndex.file().resolveSibling(timeIndex.file().getFileName() + suffix));
    }

    /**
     * Renames every file to its standard name followed by {@code suffix} ("" for the standard names), the log file
     * first; reads keep working.
     */
    void renameToSuffix(String suffix) throws IOException {
        Path dir = logFile.getParent();
        Path target = dir.resolve(fileName(baseOffset, LOG_SUFFIX) + suffix);
        Files.move(logFile, target, StandardCopyOption.REPLACE_EXISTING);
        logFile = target;
        offsetIndex.renameTo(dir.resolve(fileName(baseOffset, INDEX_SUFFIX) + suffix));
        timeIndex.renameTo(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX) + suffix));
    }

    /** Closes and removes every file of the segment. */
    void delete() throws IOException {
        if (channel.isOpen()) {
            channel.close();
        }
        Files.deleteIfExists(logFile);
        offsetIndex.deleteIfExists();
        timeIndex.deleteIfExists();
    }

    @Override
    public String toString() {
        return "LogSegment(" + logFile + ", size=" + size + ")";
    }
}
