package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.KeyValueIterator;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The buffer of a {@code suppress} operator: the latest update per key, ordered by buffer time (a window's end, or
 * the time of the key's first buffered update), over a {@link BytesStore} whose entries are logged to a compacted
 * changelog. Entries:
 *
 * <pre>
 * key                              value
 * +------+-----------------+       +-------------+-------------+----------+-------+----------+-------+
 * | 0x01 | serialized key  |  -->  | buffer time | record time | prior len| prior | new len  | new   |
 * +------+-----------------+       | int64       | int64       | int32    |       | int32    |       |
 *                                  +-------------+-------------+----------+-------+----------+-------+
 * +------+                         +-------------+
 * | 0x00 |  -->                    | stream time |   (the suppress node's stream time at its last emission)
 * +------+                         | int64       |
 *                                  +-------------+
 * </pre>
 *
 * big-endian; a length of -1 stands for a null value. The prior value is the key's value before its first buffered
 * update (what downstream last saw), the new value its latest. The time order is an index kept in memory and rebuilt
 * from the entries after a restore, so only the entries themselves are logged. Not thread-safe: only the task's
 * stream thread uses it.
 */
public final class SuppressionBuffer<K, V> implements InternalStore {
    private static final byte META = 0;
    private static final byte RECORD = 1;
    private static final byte[] META_KEY = {META};
    private static final int HEADER = 2 * Long.BYTES;

    /** A buffered update taken out of the buffer. */
    public record Evicted<K, V>(K key, V priorValue, V newValue, long recordTimestamp, long bufferTime) {
    }

    /** An index entry: a stored key (with its 0x01 prefix) and its buffer time. */
    private record Slot(long bufferTime, byte[] storeKey) {
    }

    private final String name;
    private final BytesStore bytes;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final TreeSet<Slot> byTime = new TreeSet<>((a, b) -> a.bufferTime != b.bufferTime
        ? Long.compare(a.bufferTime, b.bufferTime) : Arrays.compareUnsigned(a.storeKey, b.storeKey));
    private final Map<ByteBuffer, Slot> byKey = new HashMap<>();
    private StoreContext context;
    private String changelogTopic;
    private String serdeTopic;
    private long sizeBytes;
    private long streamTime = Long.MIN_VALUE;

    public SuppressionBuffer(String name, BytesStore bytes, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = name;
        this.bytes = bytes;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.serdeTopic = name;
    }

    @Override
    public void init(StoreContext context, String changelogTopic) {
        this.context = context;
        this.changelogTopic = changelogTopic;
        this.serdeTopic = changelogTopic != null ? changelogTopic : context.applicationId() + "-" + name + "-changelog";
        bytes.open(context.storeDir(name));
    }

    /** Rebuilds the time index, the size and the stream time from the entries. */
    @Override
    public void restored() {
        byTime.clear();
        byKey.clear();
        sizeBytes = 0;
        try (KeyValueIterator<byte[], byte[]> it = bytes.all()) {
            while (it.hasNext()) {
                var e = it.next();
                if (e.key().length == 1 && e.key()[0] == META) {
                    streamTime = ByteBuffer.wrap(e.value()).getLong();
                } else if (e.key().length > 0 && e.key()[0] == RECORD) {
                    index(e.key(), ByteBuffer.wrap(e.value()).getLong(), e.value().length);
                }
            }
        }
    }

    private void index(byte[] storeKey, long bufferTime, int valueLength) {
        Slot slot = new Slot(bufferTime, storeKey);
        byTime.add(slot);
        byKey.put(ByteBuffer.wrap(storeKey), slot);
        sizeBytes += storeKey.length + valueLength;
    }

    /**
     * Buffers the update of {@code key} from {@code priorValue} to {@code newValue}. A key already buffered keeps
     * its buffer time and prior value; only its new value and record time change.
     */
    public void put(long bufferTime, K key, V priorValue, V newValue, long recordTimestamp) {
        byte[] k = keySerde.serializer().serialize(serdeTopic, Objects.requireNonNull(key, "key"));
        byte[] storeKey = ByteBuffer.allocate(1 + k.length).put(RECORD).put(k).array();
        Slot existing = byKey.get(ByteBuffer.wrap(storeKey));
        byte[] prior;
        if (existing != null) {
            byte[] old = bytes.get(storeKey);
            bufferTime = existing.bufferTime;
            prior = field(old, HEADER);
            remove(existing, old.length);
        } else {
            prior = serialize(priorValue);
        }
        byte[] next = serialize(newValue);
        ByteBuffer value = ByteBuffer.allocate(HEADER + 2 * Integer.BYTES + length(prior) + length(next))
            .putLong(bufferTime).putLong(recordTimestamp);
        putField(value, prior);
        putField(value, next);
        write(storeKey, value.array());
        index(storeKey, bufferTime, value.capacity());
    }

    /** Whether {@code key} is buffered. */
    public boolean contains(K key) {
        byte[] k = keySerde.serializer().serialize(serdeTopic, key);
        return byKey.containsKey(ByteBuffer.wrap(ByteBuffer.allocate(1 + k.length).put(RECORD).put(k).array()));
    }

    /** The smallest buffer time held, or {@link Long#MAX_VALUE} when empty. */
    public long minBufferTime() {
        return byTime.isEmpty() ? Long.MAX_VALUE : byTime.first().bufferTime;
    }

    /** Removes and returns the update with the smallest buffer time (the buffer must not be empty). */
    public Evicted<K, V> evictOldest() {
        Slot slot = byTime.first();
        byte[] stored = bytes.get(slot.storeKey);
        remove(slot, stored.length);
        write(slot.storeKey, null);
        ByteBuffer header = ByteBuffer.wrap(stored);
        long bufferTime = header.getLong();
        long recordTimestamp = header.getLong();
        byte[] prior = field(stored, HEADER);
        byte[] next = field(stored, HEADER + Integer.BYTES + length(prior));
        K key = keySerde.deserializer().deserialize(serdeTopic, Arrays.copyOfRange(slot.storeKey, 1, slot.storeKey.length));
        return new Evicted<>(key, deserialize(prior), deserialize(next), recordTimestamp, bufferTime);
    }

    private void remove(Slot slot, int valueLength) {
        byTime.remove(slot);
        byKey.remove(ByteBuffer.wrap(slot.storeKey));
        sizeBytes -= slot.storeKey.length + valueLength;
    }

    /** The number of keys buffered. */
    public long numRecords() {
        return byKey.size();
    }

    /** The bytes buffered: every stored key and value. */
    public long bufferSize() {
        return sizeBytes;
    }

    /** The stream time last saved, or {@link Long#MIN_VALUE}. */
    public long streamTime() {
        return streamTime;
    }

    /** Saves (and logs) the suppress node's stream time, so that a restarted node continues from it. */
    public void saveStreamTime(long time) {
        if (time != streamTime) {
            streamTime = time;
            write(META_KEY, ByteBuffer.allocate(Long.BYTES).putLong(time).array());
        }
    }

    private void write(byte[] key, byte[] value) {
        bytes.put(key, value);
        if (changelogTopic != null) {
            context.logChange(changelogTopic, key, value);
        }
    }

    private byte[] serialize(V value) {
        return value == null ? null : valueSerde.serializer().serialize(serdeTopic, value);
    }

    private V deserialize(byte[] value) {
        return value == null ? null : valueSerde.deserializer().deserialize(serdeTopic, value);
    }

    private static int length(byte[] field) {
        return field == null ? 0 : field.length;
    }

    private static void putField(ByteBuffer out, byte[] field) {
        if (field == null) {
            out.putInt(-1);
        } else {
            out.putInt(field.length).put(field);
        }
    }

    /** The length-prefixed field at {@code offset} of a stored value, or null. */
    private static byte[] field(byte[] stored, int offset) {
        int n = ByteBuffer.wrap(stored, offset, Integer.BYTES).getInt();
        return n < 0 ? null : Arrays.copyOfRange(stored, offset + Integer.BYTES, offset + Integer.BYTES + n);
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
        return "SuppressionBuffer(" + name + ")";
    }
}
