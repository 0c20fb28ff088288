package io.tributary.streams.state.internals;

import io.tributary.streams.errors.InvalidStateStoreException;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.KeyValueIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * A {@link BytesStore} in a RocksDB database in its own directory. RocksDB's default bytewise comparator is the
 * unsigned lexicographic order {@link BytesStore} requires.
 *
 * <p>The write-ahead log is off (as in Kafka Streams): writes reach the files at {@link #flush()}, which the runtime
 * calls at each commit before it writes the task's checkpoint. After a crash the store may have lost or kept writes
 * made since then, but the runtime deleted the checkpoint before the first of them, so it wipes the store and
 * restores it from the changelog.
 *
 * <p>Thread-safe: the stream thread writes while interactive queries read. Every operation, iterator steps included,
 * holds a shared lock that {@link #close()} takes exclusively, so closing a store (a task moving away) never frees
 * native memory under a reader: the reader gets an {@link InvalidStateStoreException} instead. Iterators still open
 * at close are closed with the store.
 */
public final class RocksDbBytesStore implements BytesStore {
    static {
        RocksDB.loadLibrary();
    }

    private final String name;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<RocksDbIterator> openIterators = ConcurrentHashMap.newKeySet();
    private Options options;
    private WriteOptions writeOptions;
    private RocksDB db;
    private volatile boolean open;

    /** A store called {@code name} (for messages); {@link #open} gives it its directory. */
    public RocksDbBytesStore(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public void open(Path dir) {
        if (dir == null) {
            throw new IllegalStateException("persistent store " + name + " needs a state directory");
        }
        lock.writeLock().lock();
        try {
            if (open) {
                throw new IllegalStateException("store " + name + " is already open");
            }
            Files.createDirectories(dir);
            options = new Options().setCreateIfMissing(true);
            writeOptions = new WriteOptions().setDisableWAL(true);
            db = RocksDB.open(options, dir.toAbsolutePath().toString());
            open = true;
        } catch (IOException e) {
            releaseNative();
            throw new UncheckedIOException("cannot create the directory of store " + name + ": " + dir, e);
        } catch (RocksDBException e) {
            releaseNative();
            throw new io.tributary.streams.StreamsException("cannot open RocksDB store " + name + " in " + dir + ": "
                + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Takes the shared lock; throws if the store is closed (the caller must unlock only when this returned). */
    private void enter() {
        lock.readLock().lock();
        if (!open) {
            lock.readLock().unlock();
            throw new InvalidStateStoreException("store " + name + " is closed (its task may have moved)");
        }
    }

    private void exit() {
        lock.readLock().unlock();
    }

    @Override
    public byte[] get(byte[] key) {
        enter();
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw failure("reading", e);
        } finally {
            exit();
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        enter();
        try {
            if (value == null) {
                db.delete(writeOptions, key);
            } else {
                db.put(writeOptions, key, value);
            }
        } catch (RocksDBException e) {
            throw failure("writing", e);
        } finally {
            exit();
        }
    }

    @Override
    public KeyValueIterator<byte[], byte[]> range(byte[] from, byte[] to) {
        enter();
        try {
            RocksDbIterator it = new RocksDbIterator(db.newIterator(), from, to);
            openIterators.add(it);
            return it;
        } finally {
            exit();
        }
    }

    @Override
    public long approximateNumEntries() {
        enter();
        try {
            return db.getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw failure("reading", e);
        } finally {
            exit();
        }
    }

    /** Writes the memtable to disk, so that what was put so far survives a crash. */
    @Override
    public void flush() {
        enter();
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            throw failure("flushing", e);
        } finally {
            exit();
        }
    }

    /** Closes open iterators and the database; the files stay. Reads after this throw. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!open) {
                return;
            }
            open = false;
            for (RocksDbIterator it : openIterators) {
                it.storeClosed = true;
                it.release();
            }
            openIterators.clear();
            releaseNative();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void releaseNative() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (writeOptions != null) {
            writeOptions.close();
            writeOptions = null;
        }
        if (options != null) {
            options.close();
            options = null;
        }
    }

    private RuntimeException failure(String what, RocksDBException e) {
        return new io.tributary.streams.StreamsException("store " + name + ": " + what + " failed: " + e.getMessage(),
            e);
    }

    @Override
    public String toString() {
        return "RocksDbBytesStore(" + name + ")";
    }

    /** Walks a RocksDB iterator from {@code from} while keys are at most {@code to}; each step under the lock. */
    private final class RocksDbIterator implements KeyValueIterator<byte[], byte[]> {
        private final byte[] to;
        private RocksIterator raw;
        private KeyValue<byte[], byte[]> next;
        /** Set when the store closed under the iterator: its reader must not take a cut-short result as complete. */
        volatile boolean storeClosed;

        RocksDbIterator(RocksIterator raw, byte[] from, byte[] to) {
            this.raw = raw;
            this.to = to;
            if (from == null) {
                raw.seekToFirst();
            } else {
                raw.seek(from);
            }
            load();
        }

        /** Reads the entry under the native iterator into {@code next}, or null past the end. */
        private void load() {
            if (raw.isValid()) {
                byte[] key = raw.key();
                next = to != null && Arrays.compareUnsigned(key, to) > 0 ? null : KeyValue.pair(key, raw.value());
            } else {
                next = null;
            }
        }

        private void checkStoreOpen() {
            if (storeClosed) {
                throw new InvalidStateStoreException("store " + name + " was closed during the iteration (its task "
                    + "may have moved)");
            }
        }

        // Each call checks and reads under the store's read lock: the store's close (write lock) cannot slip in
        // between the check and the read, so a reader sees either the entry or InvalidStateStoreException.
        @Override
        public boolean hasNext() {
            enter();
            try {
                checkStoreOpen();
                return next != null;
            } finally {
                exit();
            }
        }

        @Override
        public byte[] peekNextKey() {
            enter();
            try {
                checkStoreOpen();
                if (next == null) {
                    throw new NoSuchElementException();
                }
                return next.key();
            } finally {
                exit();
            }
        }

        @Override
        public KeyValue<byte[], byte[]> next() {
            enter();
            try {
                checkStoreOpen();
                if (next == null) {
                    throw new NoSuchElementException();
                }
                KeyValue<byte[], byte[]> out = next;
                if (raw == null) {
                    throw new InvalidStateStoreException("the iterator of store " + name + " is closed");
                }
                raw.next();
                load();
                return out;
            } finally {
                exit();
            }
        }

        @Override
        public void close() {
            lock.readLock().lock();
            try {
                release();
            } finally {
                lock.readLock().unlock();
            }
            openIterators.remove(this);
        }

        /** Frees the native iterator (under either lock). */
        void release() {
            synchronized (this) {
                if (raw != null) {
                    raw.close();
                    raw = null;
                }
                next = null;
            }
        }
    }
}
