package io.tributary.streams.state.internals;

import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.KeyValueIterator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link BytesStore} in a concurrent sorted map: the stream thread writes while interactive queries read, and
 * iterators are weakly consistent (they never fail and may or may not see writes made after they were created).
 *
 * <p>Every key has one {@link Slot}, reachable both from a hash index (for {@link #get} and for overwriting a key
 * that is already there, the common case of an aggregation, without walking the sorted map) and from the sorted
 * map (for ranges). Only adding and removing a key touch the sorted map. Writes are serialized on the store;
 * reads take no lock.
 */
public final class InMemoryBytesStore implements BytesStore {
    private final ConcurrentSkipListMap<byte[], Slot> sorted = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final ConcurrentHashMap<Key, Slot> index = new ConcurrentHashMap<>();

    @Override
    public void open(Path dir) {
    }

    @Override
    public byte[] get(byte[] key) {
        Slot slot = index.get(new Key(key));
        return slot == null ? null : slot.value;
    }

    @Override
    public synchronized void put(byte[] key, byte[] value) {
        Key k = new Key(key);
        if (value == null) {
            Slot removed = index.remove(k);
            if (removed != null) {
                sorted.remove(removed.key);
                removed.value = null;
            }
            return;
        }
        Slot slot = index.get(k);
        if (slot != null) {
            slot.value = value;
            return;
        }
        slot = new Slot(key, value);
        // sorted first: a key visible to get() is then also visible to a range opened after the get
        sorted.put(key, slot);
        index.put(k, slot);
    }

    @Override
    public KeyValueIterator<byte[], byte[]> range(byte[] from, byte[] to) {
        NavigableMap<byte[], Slot> view = sorted;
        if (from != null && to != null) {
            if (Arrays.compareUnsigned(from, to) > 0) {
                return iterator(Collections.emptyIterator());
            }
            view = sorted.subMap(from, true, to, true);
        } else if (from != null) {
            view = sorted.tailMap(from, true);
        } else if (to != null) {
            view = sorted.headMap(to, true);
        }
        return slots(view.values().iterator());
    }

    @Override
    public long approximateNumEntries() {
        return index.size();
    }

    @Override
    public void close() {
    }

    /** A store iterator over map entries. */
    public static KeyValueIterator<byte[], byte[]> iterator(Iterator<Map.Entry<byte[], byte[]>> entries) {
        return new KeyValueIterator<>() {
            private Map.Entry<byte[], byte[]> next = entries.hasNext() ? entries.next() : null;

            @Override
            public byte[] peekNextKey() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                return next.getKey();
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyValue<byte[], byte[]> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                KeyValue<byte[], byte[]> out = KeyValue.pair(next.getKey(), next.getValue());
                next = entries.hasNext() ? entries.next() : null;
                return out;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Iterates slots in key order, reading each value when it advances to it and skipping slots removed by then. */
    private static KeyValueIterator<byte[], byte[]> slots(Iterator<Slot> slots) {
        return new KeyValueIterator<>() {
            private KeyValue<byte[], byte[]> next = advance();

            private KeyValue<byte[], byte[]> advance() {
                while (slots.hasNext()) {
                    Slot s = slots.next();
                    byte[] v = s.value;
                    if (v != null) {
                        return KeyValue.pair(s.key, v);
                    }
                }
                return null;
            }

            @Override
            public byte[] peekNextKey() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                return next.key();
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyValue<byte[], byte[]> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                KeyValue<byte[], byte[]> out = next;
                next = advance();
                return out;
            }

            @Override
            public void close() {
            }
        };
    }

    /** One key's current value; null once the key is removed. */
    private static final class Slot {
        final byte[] key;
        volatile byte[] value;

        Slot(byte[] key, byte[] value) {
            this.key = key;
            this.value = value;
        }
    }

    /** A key array with content equality for the hash index. */
    private static final class Key {
        final byte[] bytes;
        final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && Arrays.equals(bytes, k.bytes);
        }
    }
}
