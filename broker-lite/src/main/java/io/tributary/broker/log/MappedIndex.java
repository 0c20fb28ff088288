package io.tributary.broker.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sparse index of fixed-size entries in a memory-mapped, preallocated file; the base of {@link OffsetIndex} and
 * {@link TimeIndex}. Entries are appended in increasing key order and looked up by binary search. While a segment
 * is active its file is preallocated to the maximum index size; when the segment rolls (or closes) the file is
 * trimmed to the entries it holds, so on open {@code entries = fileLength / entrySize}.
 *
 * <p>Not thread-safe for writers: the owning segment serialises appends, truncation and resizing. Lookups may run
 * concurrently with an append (they read a consistent entry count).
 */
abstract class MappedIndex implements AutoCloseable {
    private final int entrySize;
    private Path file;
    protected final long baseOffset;
    private int maxEntries;
    private MappedByteBuffer mmap;
    private volatile int entries;

    MappedIndex(Path file, long baseOffset, int maxIndexSize, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        boolean existed = Files.exists(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long existing = existed ? raf.length() : 0;
            long length = existing;
            if (existing == 0) {
                length = roundDown(maxIndexSize);
                raf.setLength(length);
            }
            this.mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
            this.entries = roundDown(existing) / entrySize;
            this.maxEntries = (int) (length / entrySize);
        }
    }

    private int roundDown(long size) {
        return (int) (Math.min(size, Integer.MAX_VALUE) / entrySize * entrySize);
    }

    final int entrySize() {
        return entrySize;
    }

    /** Number of entries written. */
    final int entries() {
        return entries;
    }

    final boolean isFull() {
        return entries >= maxEntries;
    }

    final MappedByteBuffer mmap() {
        return mmap;
    }

    final Path file() {
        return file;
    }

    /** Marks one more entry, already written at slot {@code entries}, as present. */
    final void entryWritten() {
        entries++;
    }

    /** Drops every entry from slot {@code keep} on. */
    final void truncateToEntries(int keep) {
        entries = Math.max(0, Math.min(keep, entries));
    }

    /**
     * The slot of the largest entry whose key is at most {@code target}, or -1 when every entry is larger
     * (or there is none).
     */
    final int largestLowerBound(long target) {
        int lo = 0;
        int hi = entries - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (keyAt(mid) <= target) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The key (offset or timestamp) of slot {@code n}. */
    abstract long keyAt(int n);

    /** Remaps the file to {@code newSize} bytes (rounded down to whole entries), keeping the entries. */
    final void resize(int newSize) throws IOException {
        int size = Math.max(roundDown(newSize), entries * entrySize);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            unmap();
            raf.setLength(size);
            mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, size);
            maxEntries = size / entrySize;
        }
    }

    /** Shrinks the file to the entries it holds (done when a segment rolls or closes). */
    final void trimToValidSize() throws IOException {
        resize(entries * entrySize);
    }

    void flush() {
        mmap.force();
    }

    /** Renames the file (for the ".deleted" and swap suffixes); the mapping stays valid. */
    void renameTo(Path target) throws IOException {
        Files.move(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        file = target;
    }

    @Override
    public void close() throws IOException {
        trimToValidSize();
        unmap();
    }

    /** Closes without trimming and deletes the file. */
    void deleteIfExists() throws IOException {
        unmap();
        Files.deleteIfExists(file);
    }

    private void unmap() {
        if (mmap != null) {
            mmap.force();
            // Java 17 has no supported unmap; dropping the reference lets the GC release it. Files on Linux can be
            // truncated, renamed and deleted while mapped.
            mmap = null;
        }
    }
}
