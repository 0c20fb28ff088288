package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.KeyValueIterator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The store a left or outer stream-stream join shares between its two sides: the records that found no match yet,
 * held until their join window has closed (then the join emits them with a null partner) or a match arrives (then
 * they are deleted). It also carries the join's shared stream time (the largest timestamp either side has seen),
 * which is not persisted. Entries, over a {@link BytesStore} logged to a compacted changelog:
 *
 * <pre>
 * +--------------------+------+-----------------+------------------+----------------+
 * | timestamp (int64)  | side | key length      | serialized key   | sequence       |
 * | sign bit flipped   | 0/1  | (int32)         |                  | (int32)        |
 * +--------------------+------+-----------------+------------------+----------------+
 *   --> the record's serialized value (with the left or the right value serde)
 * </pre>
 *
 * big-endian, side 0 for the left stream. Entries sort by time, then side, then key, so the records whose windows
 * close first come first; the length before the key keeps one key's entries apart from those of a longer key with
 * the same prefix, and the sequence number keeps duplicates (same key, side and time) apart.
 */
public final class OuterJoinStore<K, V1, V2> implements InternalStore {
    private static final int HEAD = Long.BYTES + 1 + Integer.BYTES;

    /** A held record: its side, key, timestamp and value (a {@code V1} on the left, a {@code V2} on the right). */
    public record Entry<K>(boolean left, K key, long timestamp, Object value) {
    }

    private final String name;
    private final BytesStore bytes;
    private final Serde<K> keySerde;
    private final Serde<V1> leftSerde;
    private final Serde<V2> rightSerde;
    private StoreContext context;
    private String changelogTopic;
    private String serdeTopic;
    private int sequence;
    private long streamTime = -1;

    public OuterJoinStore(String name, BytesStore bytes, Serde<K> keySerde, Serde<V1> leftSerde,
                          Serde<V2> rightSerde) {
        this.name = name;
        this.bytes = bytes;
        this.keySerde = keySerde;
        this.leftSerde = leftSerde;
        this.rightSerde = rightSerde;
        this.serdeTopic = name;
    }

    @Override
    public void init(StoreContext context, String changelogTopic) {
        this.context = context;
        this.changelogTopic = changelogTopic;
        this.serdeTopic = changelogTopic != null ? changelogTopic : context.applicationId() + "-" + name + "-changelog";
        bytes.open(context.storeDir(name));
    }

    /** After a restore: new sequence numbers continue after the largest held. */
    @Override
    public void restored() {
        try (KeyValueIterator<byte[], byte[]> it = bytes.all()) {
            while (it.hasNext()) {
                byte[] k = it.next().key();
                if (k.length >= HEAD + Integer.BYTES) {
                    sequence = Math.max(sequence, ByteBuffer.wrap(k, k.length - Integer.BYTES, Integer.BYTES).getInt());
                }
            }
        }
    }

    /** Moves the shared stream time on to {@code timestamp} if it is later; returns the stream time. */
    public long advanceStreamTime(long timestamp) {
        streamTime = Math.max(streamTime, timestamp);
        return streamTime;
    }

    /** The largest timestamp either side of the join has seen since the task started, or -1. */
    public long streamTime() {
        return streamTime;
    }

    /** Holds the record {@code key}/{@code value} at {@code timestamp} of the left or right side. */
    public void put(boolean left, K key, long timestamp, Object value) {
        Objects.requireNonNull(value, "value");
        byte[] v = left ? leftSerde.serializer().serialize(serdeTopic, cast(value))
            : rightSerde.serializer().serialize(serdeTopic, cast(value));
        write(storeKey(timestamp, left, serializeKey(key), ++sequence), v);
    }

    /** Deletes every record held for {@code key} at {@code timestamp} on that side (it found a match). */
    public void delete(boolean left, K key, long timestamp) {
        byte[] k = serializeKey(key);
        List<byte[]> found = new ArrayList<>();
        try (KeyValueIterator<byte[], byte[]> it = bytes.range(storeKey(timestamp, left, k, 0),
            storeKey(timestamp, left, k, -1))) {
            while (it.hasNext()) {
                found.add(it.next().key());
            }
        }
        found.forEach(sk -> write(sk, null));
    }

    /** The earliest timestamp held, or {@link Long#MAX_VALUE} when nothing is held. */
    public long minTimestamp() {
        try (KeyValueIterator<byte[], byte[]> it = bytes.all()) {
            return it.hasNext() ? timestampOf(it.peekNextKey()) : Long.MAX_VALUE;
        }
    }

    /**
     * Removes and returns, in time order, the records whose window has closed: a left record at {@code t} once
     * {@code t + leftCloseDelay < streamTime}, a right one once {@code t + rightCloseDelay < streamTime}.
     */
    public List<Entry<K>> removeClosed(long leftCloseDelay, long rightCloseDelay, long streamTime) {
        long bothOpenFrom = streamTime - Math.min(leftCloseDelay, rightCloseDelay);
        List<byte[]> keys = new ArrayList<>();
        List<Entry<K>> out = new ArrayList<>();
        try (KeyValueIterator<byte[], byte[]> it = bytes.all()) {
            while (it.hasNext()) {
                var e = it.next();
                byte[] sk = e.key();
                long timestamp = timestampOf(sk);
                if (timestamp >= bothOpenFrom) {
                    break; // this and every later record still has an open window on both sides
                }
                boolean left = sk[Long.BYTES] == 0;
                if (timestamp + (left ? leftCloseDelay : rightCloseDelay) >= streamTime) {
                    continue;
                }
                int n = ByteBuffer.wrap(sk, Long.BYTES + 1, Integer.BYTES).getInt();
                K key = keySerde.deserializer().deserialize(serdeTopic, Arrays.copyOfRange(sk, HEAD, HEAD + n));
                Object value = left ? leftSerde.deserializer().deserialize(serdeTopic, e.value())
                    : rightSerde.deserializer().deserialize(serdeTopic, e.value());
                keys.add(sk);
                out.add(new Entry<>(left, key, timestamp, value));
            }
        }
        keys.forEach(sk -> write(sk, null));
        return out;
    }

    private void write(byte[] key, byte[] value) {
        bytes.put(key, value);
        if (changelogTopic != null) {
            context.logChange(changelogTopic, key, value);
        }
    }

    private static byte[] storeKey(long timestamp, boolean left, byte[] key, int seq) {
        return ByteBuffer.allocate(HEAD + key.length + Integer.BYTES).putLong(timestamp ^ Long.MIN_VALUE)
            .put((byte) (left ? 0 : 1)).putInt(key.length).put(key).putInt(seq).array();
    }

    private static long timestampOf(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey, 0, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    private byte[] serializeKey(K key) {
        return keySerde.serializer().serialize(serdeTopic, Objects.requireNonNull(key, "key"));
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object value) {
        return (V) value;
    }

    @Override
    public BytesStore bytes() {
        return bytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public void close() {
        bytes.flush();
        bytes.close();
    }

    @Override
    public String toString() {
        return "OuterJoinStore(" + name + ")";
    }
}
