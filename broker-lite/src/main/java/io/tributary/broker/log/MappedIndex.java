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
    /** The mapping starts this small and doubles as entries arrive, up to the configured maximum. */
    static final int INITIAL_MAPPED_BYTES = 64 * 1024;

    private final int entrySize;
    private Path file;
    protected final long baseOffset;
    /** The most entries this index may hold (segment.index.bytes / entry size); reaching it rolls the segment. */
    private int maxEntries;
    /** Entries the current mapping (and file length) has room for. */
    private int mappedEntries;
    private MappedByteBuffer mmap;
    private volatile int entries;

    MappedIndex(Path file, long baseOffset, int maxIndexSize, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        boolean existed = Files.exists(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long existing = existed ? raf.length() : 0;
            int length = roundDown(existing);
            this.entries = length / entrySize;
            this.maxEntries = Math.max(roundDown(maxIndexSize) / entrySize, entries);
            if (existing == 0) {
                length = roundDown(Math.min(INITIAL_MAPPED_BYTES, (long) maxEntries * entrySize));
                raf.setLength(length);
            }
            this.mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
            this.mappedEntries = length / entrySize;
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

    /**
     * Makes sure slot {@code entries} is mapped, growing the file and mapping by doubling (never past the maximum).
     * Preallocating the whole maximum (10 MiB by default) up front cost ~45 us per 1 MiB append in
     * LogAppendBenchmark with 128 MiB segments, through page faults on the large sparse mapping.
     */
    final void prepareSlot() {
        if (entries < mappedEntries) {
            return;
        }
        long grown = Math.max((long) mappedEntries * 2, INITIAL_MAPPED_BYTES / entrySize);
        try {
            remap((int) Math.min(grown, maxEntries) * entrySize);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("growing index " + file, e);
        }
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

    /** Sets the maximum size to {@code newSize} bytes (rounded down to whole entries, never below the entries held). */
    final void resize(int newSize) throws IOException {
        maxEntries = Math.max(roundDown(newSize) / entrySize, entries);
    }

    /** Shrinks the file to the entries it holds and takes no more (done when a segment rolls or closes). */
    final void trimToValidSize() throws IOException {
        maxEntries = entries;
        remap(entries * entrySize);
    }

    private void remap(int size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            unmap();
            raf.setLength(size);
            mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, size);
            mappedEntries = size / entrySize;
        }
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
            // No msync here: the mapping is shared, so its pages are already the file's pages in the page cache and
            // a new mapping sees them; durability comes from flush(). (A forced write-back on every roll cost ~5% of
            // append throughput in LogAppendBenchmark.) Java 17 has no supported unmap; dropping the reference lets
            // the GC release it. Files on Linux can be truncated, renamed and deleted while mapped.
            mmap = null;
        }
    }
}
