package io.tributary.streams.state.internals;

import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.KeyValueIterator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link BytesStore} in a concurrent sorted map: the stream thread writes while interactive queries read, and
 * iterators are weakly consistent (they never fail and may or may not see writes made after they were created).
 */
public final class InMemoryBytesStore implements BytesStore {
    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

    @Override
    public void open(Path dir) {
    }

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public KeyValueIterator<byte[], byte[]> range(byte[] from, byte[] to) {
        NavigableMap<byte[], byte[]> view = map;
        if (from != null && to != null) {
            if (Arrays.compareUnsigned(from, to) > 0) {
                return iterator(Map.<byte[], byte[]>of().entrySet().iterator());
            }
            view = map.subMap(from, true, to, true);
        } else if (from != null) {
            view = map.tailMap(from, true);
        } else if (to != null) {
            view = map.headMap(to, true);
        }
        return iterator(view.entrySet().iterator());
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
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
}
