package io.tributary.broker.log;

import io.tributary.record.CorruptRecordException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code .timeindex} file of a segment: a sparse map from timestamp to the offset from which records with
 * that timestamp or later may be found.
 *
 * <pre>
 *  0                                       8                   12
 *  +---------------------------------------+-------------------+
 *  | timestamp (max seen so far)           | relative offset   |
 *  +---------------------------------------+-------------------+
 * </pre>
 * Timestamps in the index only grow: an entry is added only when the segment's maximum timestamp grew.
 */
final class TimeIndex extends MappedIndex {
    static final int ENTRY_SIZE = 12;
    private static final int TIMESTAMP = 0;
    private static final int RELATIVE_OFFSET = 8;

    /** A timestamp and the offset of the batch that reached it. */
    record TimestampOffset(long timestamp, long offset) {
    }

    TimeIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    long keyAt(int n) {
        return mmap().getLong(n * ENTRY_SIZE + TIMESTAMP);
    }

    long offsetAt(int n) {
        return baseOffset + mmap().getInt(n * ENTRY_SIZE + RELATIVE_OFFSET);
    }

    /** The newest entry, or (-1, baseOffset) when empty. */
    TimestampOffset lastEntry() {
        int n = entries();
        return n == 0 ? new TimestampOffset(-1, baseOffset) : new TimestampOffset(keyAt(n - 1), offsetAt(n - 1));
    }

    /** Adds an entry when {@code timestamp} is above the last one (and the index has room, unless forced). */
    void maybeAppend(long timestamp, long offset) {
        int n = entries();
        if (isFull() || n > 0 && timestamp <= keyAt(n - 1) || timestamp < 0) {
            return;
        }
        if (n > 0 && offset < offsetAt(n - 1)) {
            throw new IllegalArgumentException("offset : " + offset + " (expected: at least " + offsetAt(n - 1) + ")");
        }
        prepareSlot();
        int slot = n * ENTRY_SIZE;
        mmap().putLong(slot + TIMESTAMP, timestamp);
        mmap().putInt(slot + RELATIVE_OFFSET, (int) (offset - baseOffset));
        entryWritten();
    }

    /** The largest entry with a timestamp at or below {@code target}, or (-1, baseOffset). */
    TimestampOffset lookup(long target) {
        int slot = largestLowerBound(target);
        return slot < 0 ? new TimestampOffset(-1, baseOffset) : new TimestampOffset(keyAt(slot), offsetAt(slot));
    }

    /** Removes the entries for offsets {@code >= offset}. */
    void truncateTo(long offset) {
        int keep = entries();
        while (keep > 0 && offsetAt(keep - 1) >= offset) {
            keep--;
        }
        truncateToEntries(keep);
    }

    void sanityCheck() {
        for (int i = 1; i < entries(); i++) {
            if (keyAt(i) <= keyAt(i - 1) || offsetAt(i) < offsetAt(i - 1)) {
                throw new CorruptRecordException("time index " + file() + " is damaged at entry " + i);
            }
        }
    }
}
