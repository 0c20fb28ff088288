package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.SessionBytesStoreSupplier;
import io.tributary.streams.state.SessionStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A session store over a {@link BytesStore}. Each entry's key is
 *
 * <pre>
 * +----------------------+--------------------------+----------------------------+
 * | serialized key (n)   | session end (int64)      | session start (int64)      |
 * +----------------------+--------------------------+----------------------------+
 * </pre>
 *
 * big-endian with the sign bits flipped so that negative times sort first. A key's sessions are adjacent and ordered
 * by end, so {@link #findSessions} is one range scan from the earliest end asked for, stopping at the key's last
 * session and skipping those that start too late.
 *
 * <p>The store keeps the largest session end put so far ("observed time"); a session whose end is more than the
 * retention period before it is expired: ignored on put, hidden from reads, and removed from the storage (without a
 * changelog tombstone: the changelog's own retention drops it) each time the observed time has moved on by a quarter
 * of the retention.
 */
public final class TypedSessionStore<K, V> implements SessionStore<K, V>, InternalStore {
    /** Bytes after the serialized key: end and start. */
    static final int SUFFIX = 2 * Long.BYTES;

    private final SessionBytesStoreSupplier supplier;
    private final BytesStore bytes;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private StoreContext context;
    private String changelogTopic;
    private String serdeTopic;
    private long observed = Long.MIN_VALUE;
    private long nextCleanup = Long.MIN_VALUE;

    public TypedSessionStore(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
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

    /** After a restore: the observed time is the largest session end held. */
    @Override
    public void restored() {
        try (KeyValueIterator<byte[], byte[]> it = bytes.all()) {
            while (it.hasNext()) {
                byte[] k = it.next().key();
                if (k.length >= SUFFIX) {
                    observed = Math.max(observed, endOf(k));
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
    public long retentionPeriod() {
        return supplier.retentionMs();
    }

    private boolean expired(long sessionEnd) {
        return observed != Long.MIN_VALUE && sessionEnd < observed - supplier.retentionMs();
    }

    @Override
    public void put(Windowed<K> sessionKey, V aggregate) {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Window w = sessionKey.window();
        byte[] storeKey = storeKey(serializeKey(sessionKey.key()), w.end(), w.start());
        observed = Math.max(observed, w.end());
        if (expired(w.end())) {
            return;
        }
        byte[] v = aggregate == null ? null : valueSerde.serializer().serialize(serdeTopic, aggregate);
        bytes.put(storeKey, v);
        if (changelogTopic != null) {
            context.logChange(changelogTopic, storeKey, v);
        }
        if (observed >= nextCleanup) {
            removeExpired();
            nextCleanup = observed + Math.max(1, supplier.retentionMs() / 4);
        }
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        put(sessionKey, null);
    }

    private void removeExpired() {
        List<byte[]> old = new ArrayList<>();
        try (KeyValueIterator<byte[], byte[]> it = bytes.all()) {
            while (it.hasNext()) {
                byte[] k = it.next().key();
                if (k.length < SUFFIX || expired(endOf(k))) {
                    old.add(k);
                }
            }
        }
        old.forEach(k -> bytes.put(k, null));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestSessionEnd, long latestSessionStart) {
        byte[] k = serializeKey(key);
        return sessions(bytes.range(storeKey(k, earliestSessionEnd, Long.MIN_VALUE),
            storeKey(k, Long.MAX_VALUE, Long.MAX_VALUE)), k, k, latestSessionStart);
    }

    @Override
    public V fetchSession(K key, long sessionStart, long sessionEnd) {
        if (expired(sessionEnd)) {
            return null;
        }
        byte[] v = bytes.get(storeKey(serializeKey(key), sessionEnd, sessionStart));
        return v == null ? null : valueSerde.deserializer().deserialize(serdeTopic, v);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K key) {
        return findSessions(key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo) {
        byte[] from = keyFrom == null ? null : serializeKey(keyFrom);
        byte[] to = keyTo == null ? null : serializeKey(keyTo);
        return sessions(bytes.range(from == null ? null : storeKey(from, Long.MIN_VALUE, Long.MIN_VALUE),
            to == null ? null : storeKey(to, Long.MAX_VALUE, Long.MAX_VALUE)), from, to, Long.MAX_VALUE);
    }

    /**
     * The live sessions in {@code raw} whose serialized key lies between {@code from} and {@code to} (null: open)
     * and that start at or before {@code latestStart}. A range over one key's prefix also holds entries of longer
     * keys that begin with the same bytes; the key bounds filter them out.
     */
    private KeyValueIterator<Windowed<K>, V> sessions(KeyValueIterator<byte[], byte[]> raw, byte[] from, byte[] to,
                                                      long latestStart) {
        return new MappedIterator<>(raw, e -> {
            byte[] sk = e.key();
            int n = sk.length - SUFFIX;
            if (n < 0) {
                return null;
            }
            if (from != null && Arrays.compareUnsigned(sk, 0, n, from, 0, from.length) < 0
                || to != null && Arrays.compareUnsigned(sk, 0, n, to, 0, to.length) > 0) {
                return null;
            }
            long end = endOf(sk);
            long start = startOf(sk);
            if (start > latestStart || expired(end)) {
                return null;
            }
            K key = keySerde.deserializer().deserialize(serdeTopic, Arrays.copyOf(sk, n));
            return KeyValue.pair(new Windowed<>(key, new Window(start, end)),
                valueSerde.deserializer().deserialize(serdeTopic, e.value()));
        });
    }

    @Override
    public void close() {
        bytes.flush();
        bytes.close();
    }

    static byte[] storeKey(byte[] key, long end, long start) {
        return ByteBuffer.allocate(key.length + SUFFIX).put(key).putLong(end ^ Long.MIN_VALUE)
            .putLong(start ^ Long.MIN_VALUE).array();
    }

    private static long endOf(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey, storeKey.length - SUFFIX, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    private static long startOf(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey, storeKey.length - Long.BYTES, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    private byte[] serializeKey(K key) {
        Objects.requireNonNull(key, "key");
        return keySerde.serializer().serialize(serdeTopic, key);
    }

    @Override
    public String toString() {
        return "SessionStore(" + supplier.name() + ")";
    }
}
