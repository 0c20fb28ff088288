package io.tributary.streams.state;

import java.nio.file.Path;

/**
 * The storage under every typed store: a map of byte keys to byte values sorted by key (unsigned lexicographic
 * order). The typed stores ({@link KeyValueStore}, {@link WindowStore}) keep their serialized entries here, and a
 * store is restored by writing its changelog records here unchanged. Implement it to plug in another storage engine.
 */
public interface BytesStore extends AutoCloseable {
    /** Opens the store; a persistent one keeps its files in {@code dir} (created if missing), others ignore it. */
    void open(Path dir);

    /** The value of {@code key}, or null. */
    byte[] get(byte[] key);

    /** Sets {@code key} to {@code value}; null removes it. */
    void put(byte[] key, byte[] value);

    /** The entries from {@code from} to {@code to}, both inclusive and null for open, in key order. */
    KeyValueIterator<byte[], byte[]> range(byte[] from, byte[] to);

    /** Every entry in key order. */
    default KeyValueIterator<byte[], byte[]> all() {
        return range(null, null);
    }

    /** The number of entries (an estimate for persistent stores). */
    long approximateNumEntries();

    /** Makes written data durable (persistent stores); called at each commit. */
    default void flush() {
    }

    /** Releases the store's resources; the data stays on disk for a persistent store. */
    @Override
    void close();
}
