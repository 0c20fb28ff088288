package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.WindowBytesStoreSupplier;
import io.tributary.streams.state.WindowStore;
import io.tributary.streams.state.WindowStoreIterator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A window store over a {@link BytesStore}. Each entry's key is
 * {@code serialized key | window start (8 bytes, big-endian, sign bit flipped so negative starts sort first) |
 * sequence number (4 bytes)}; the sequence number is 0 unless duplicates are retained, when every put takes the
 * next one. The windows of one key are therefore adjacent and in start order, and a fetch is a range scan.
 *
 * <p>The store keeps the largest window start put so far ("observed stream time"); windows that start at or before
 * it minus the retention period are expired: ignored on put, hidden from reads, and removed from the storage (without
 * a changelog tombstone: the changelog's own retention drops them) each time the observed time has moved on by a
 * quarter of the retention.
 */
public final class TypedWindowStore<K, V> implements WindowStore<K, V>, InternalStore {
    private static final int SUFFIX = Long.BYTES + Integer.BYTES;

    private final WindowBytesStoreSupplier supplier;
    private final BytesStore bytes;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final boolean timestamped;
    private StoreContext context;
    private String changelogTopic;
    private String serdeTopic;
    private long observed = Long.MIN_VALUE;
    private long nextCleanup = Long.MIN_VALUE;
    private int sequence;

    public TypedWindowStore(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        this(supplier, keySerde, valueSerde, false);
    }

    /**
     * A window store whose values are kept with the timestamp of the record that set them when {@code timestamped}
     * (the DSL's windowed aggregations): the bytes store holds {@code timestamp (8 bytes, big-endian) | value}, the
     * changelog only the value with that timestamp as the record's, and {@link #restore} puts the prefix back.
     */
    public TypedWindowStore(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
                            boolean timestamped) {
        this.timestamped = timestamped;
        this.supplier = supplier;
        this.bytes = supplier.get();
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.serdeTopic = supplier.name();
    }

    @Override
    public void init(StoreContext context, String changelogTopic) {
        this.context = context;
        this.changelogTopic = changelogTopic;
        this.serdeTopic = changelogTopic != null ? changelogTopic
            : context.applicationId() + "-" + supplier.name() + "-changelog";
        bytes.open(context.storeDir(supplier.name()));
    }

    /** After a restore: the observed time is the largest window start held, and sequences continue after it. */
    @Override
    public void restored() {
        try (KeyValueIterator<byte[], byte[]> it = bytes.all()) {
            while (it.hasNext()) {
                byte[] k = it.next().key();
                if (k.length >= SUFFIX) {
                    observed = Math.max(observed, startOf(k));
                    sequence = Math.max(sequence, ByteBuffer.wrap(k, k.length - Integer.BYTES, Integer.BYTES).getInt());
                }
            }
        }
    }

    @Override
    public BytesStore bytes() {
        return bytes;
    }

    @Override
    public String name() {
        return supplier.name();
    }

    @Override
    public boolean persistent() {
        return supplier.persistent();
    }

    @Override
    public long windowSize() {
        return supplier.windowSizeMs();
    }

    @Override
    public long retentionPeriod() {
        return supplier.retentionMs();
    }

    private boolean expired(long windowStart) {
        return observed != Long.MIN_VALUE && windowStart <= observed - supplier.retentionMs();
    }

    @Override
    public void put(K key, V value, long windowStart) {
        put(key, value, windowStart, context.timestamp());
    }

    /** Puts {@code value} as set by a record with time {@code timestamp} (kept when the store is timestamped). */
    public void put(K key, V value, long windowStart, long timestamp) {
        byte[] k = serializeKey(key);
        observed = Math.max(observed, windowStart);
        if (expired(windowStart)) {
            return;
        }
        byte[] storeKey;
        if (supplier.retainDuplicates()) {
            if (value == null) {
                return;
            }
            storeKey = storeKey(k, windowStart, ++sequence);
        } else {
            storeKey = storeKey(k, windowStart, 0);
        }
        byte[] v = value == null ? null : valueSerde.serializer().serialize(serdeTopic, value);
        bytes.put(storeKey, timestamped && v != null ? withTimestamp(v, timestamp) : v);
        if (changelogTopic != null) {
            context.logChange(changelogTopic, storeKey, v, timestamp);
        }
        if (observed >= nextCleanup) {
            removeExpired();
            nextCleanup = observed + Math.max(1, supplier.retentionMs() / 4);
        }
    }

    private void removeExpired() {
        List<byte[]> old = new ArrayList<>();
        try (KeyValueIterator<byte[], byte[]> it = bytes.all()) {
            while (it.hasNext()) {
                byte[] k = it.next().key();
                if (k.length < SUFFIX || expired(startOf(k))) {
                    old.add(k);
                }
            }
        }
        old.forEach(k -> bytes.put(k, null));
    }

    @Override
    public V fetch(K key, long windowStart) {
        if (expired(windowStart)) {
            return null;
        }
        byte[] k = serializeKey(key);
        if (!supplier.retainDuplicates()) {
            return value(bytes.get(storeKey(k, windowStart, 0)));
        }
        try (WindowStoreIterator<V> it = fetch(key, windowStart, windowStart)) {
            return it.hasNext() ? it.next().value() : null;
        }
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        byte[] k = serializeKey(key);
        KeyValueIterator<byte[], byte[]> raw = bytes.range(storeKey(k, timeFrom, 0), storeKey(k, timeTo, -1));
        MappedIterator<Long, V> typed = new MappedIterator<>(raw, e -> {
            byte[] sk = e.key();
            if (sk.length != k.length + SUFFIX || !Arrays.equals(sk, 0, k.length, k, 0, k.length)) {
                return null;
            }
            long start = startOf(sk);
            return expired(start) ? null : KeyValue.pair(start, value(e.value()));
        });
        return new WindowStoreIterator<>() {
            @Override
            public Long peekNextKey() {
                return typed.peekNextKey();
            }

            @Override
            public void close() {
                typed.close();
            }

            @Override
            public boolean hasNext() {
                return typed.hasNext();
            }

            @Override
            public KeyValue<Long, V> next() {
                return typed.next();
            }
        };
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return windowed(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return windowed(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private KeyValueIterator<Windowed<K>, V> windowed(long timeFrom, long timeTo) {
        return new MappedIterator<>(bytes.all(), e -> {
            byte[] sk = e.key();
            if (sk.length < SUFFIX) {
                return null;
            }
            long start = startOf(sk);
            if (start < timeFrom || start > timeTo || expired(start)) {
                return null;
            }
            K key = keySerde.deserializer().deserialize(serdeTopic, Arrays.copyOf(sk, sk.length - SUFFIX));
            return KeyValue.pair(new Windowed<>(key, new Window(start, start + supplier.windowSizeMs())),
                value(e.value()));
        });
    }

    @Override
    public void close() {
        bytes.flush();
        bytes.close();
    }

    private static byte[] storeKey(byte[] key, long start, int seq) {
        return ByteBuffer.allocate(key.length + SUFFIX).put(key).putLong(start ^ Long.MIN_VALUE).putInt(seq).array();
    }

    private static long startOf(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey, storeKey.length - SUFFIX, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    private byte[] serializeKey(K key) {
        Objects.requireNonNull(key, "key");
        return keySerde.serializer().serialize(serdeTopic, key);
    }

    private V value(byte[] v) {
        if (v == null) {
            return null;
        }
        return valueSerde.deserializer().deserialize(serdeTopic, timestamped ? Arrays.copyOfRange(v, Long.BYTES,
            v.length) : v);
    }

    private static byte[] withTimestamp(byte[] value, long timestamp) {
        return ByteBuffer.allocate(Long.BYTES + value.length).putLong(timestamp).put(value).array();
    }

    /**
     * The value of {@code key} in the window starting at {@code windowStart} with the timestamp of the record that
     * set it (a timestamped store), or null.
     */
    public ValueAndTimestamp<V> fetchWithTimestamp(K key, long windowStart) {
        if (!timestamped) {
            throw new IllegalStateException("store " + name() + " keeps no timestamps");
        }
        if (expired(windowStart) || supplier.retainDuplicates()) {
            return null;
        }
        byte[] v = bytes.get(storeKey(serializeKey(key), windowStart, 0));
        return v == null ? null : new ValueAndTimestamp<>(value(v), ByteBuffer.wrap(v).getLong());
    }

    @Override
    public void restore(byte[] key, byte[] value, long timestamp) {
        bytes.put(key, timestamped && value != null ? withTimestamp(value, timestamp) : value);
    }

    @Override
    public String toString() {
        return "WindowStore(" + supplier.name() + ")";
    }
}
