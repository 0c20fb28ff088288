package io.tributary.broker.log;

import io.tributary.record.CorruptRecordException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code .index} file of a segment: a sparse map from offset to the file position of a batch.
 *
 * <pre>
 *  0                   4                   8
 *  +-------------------+-------------------+
 *  | relative offset   | file position     |   one entry: offset - baseOffset, position of the batch start
 *  +-------------------+-------------------+
 * </pre>
 * The offset in an entry is the last offset of the batch that starts at that position, so the batch holding any
 * offset {@code >=} an entry's offset starts at or after the entry's position.
 */
final class OffsetIndex extends MappedIndex {
    static final int ENTRY_SIZE = 8;
    private static final int RELATIVE_OFFSET = 0;
    private static final int POSITION = 4;

    /** An offset and the file position to start scanning from. */
    record OffsetPosition(long offset, int position) {
    }

    OffsetIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    long keyAt(int n) {
        return baseOffset + mmap().getInt(n * ENTRY_SIZE + RELATIVE_OFFSET);
    }

    int positionAt(int n) {
        return mmap().getInt(n * ENTRY_SIZE + POSITION);
    }

    /** The last offset indexed, or the base offset when empty. */
    long lastOffset() {
        int n = entries();
        return n == 0 ? baseOffset : keyAt(n - 1);
    }

    /** Adds an entry; {@code offset} must be larger than the last one and the index not full. */
    void append(long offset, int position) {
        if (entries() > 0 && offset <= lastOffset()) {
            throw new IllegalArgumentException("offset : " + offset + " (expected: above " + lastOffset() + ")");
        }
        if (isFull()) {
            throw new IllegalStateException("offset index " + file() + " is full");
        }
        prepareSlot();
        int slot = entries() * ENTRY_SIZE;
        mmap().putInt(slot + RELATIVE_OFFSET, relative(offset));
        mmap().putInt(slot + POSITION, position);
        entryWritten();
    }

    private int relative(long offset) {
        long rel = offset - baseOffset;
        if (rel < 0 || rel > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset : " + offset + " (expected: within 2^31 of " + baseOffset + ")");
        }
        return (int) rel;
    }

    /** The position to scan from to find {@code target}: the largest entry at or below it, else the segment start. */
    OffsetPosition lookup(long target) {
        int slot = largestLowerBound(target);
        return slot < 0 ? new OffsetPosition(baseOffset, 0) : new OffsetPosition(keyAt(slot), positionAt(slot));
    }

    /** Removes the entries for offsets {@code >= offset}. */
    void truncateTo(long offset) {
        int slot = largestLowerBound(offset - 1);
        truncateToEntries(slot + 1);
    }

    /** Checks that offsets and positions only grow; a damaged index makes the segment rebuild it. */
    void sanityCheck(long segmentSize) {
        long previousOffset = -1;
        int previousPosition = -1;
        for (int i = 0; i < entries(); i++) {
            long o = keyAt(i);
            int p = positionAt(i);
            if (o <= previousOffset || p <= previousPosition && i > 0 || p < 0 || p > segmentSize) {
                throw new CorruptRecordException("offset index " + file() + " is damaged at entry " + i);
            }
            previousOffset = o;
            previousPosition = p;
        }
    }
}
