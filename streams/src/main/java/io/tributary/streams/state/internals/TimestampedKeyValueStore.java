package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.BytesStore;
import java.util.Arrays;

/**
 * The key-value store of the DSL's tables and aggregations: each value is kept with the timestamp of the record that
 * set it. Reads through the {@link io.tributary.streams.state.KeyValueStore} interface (interactive queries, the test driver) see plain values;
 * the DSL's nodes use {@link #getWithTimestamp} and {@link #put(Object, Object, long)}.
 *
 * <p>Layout of a value in the bytes store, and why the changelog differs from it:
 * <pre>
 *  0                8
 *  +----------------+------------------------+
 *  | timestamp (BE) | serialized value ...   |
 *  +----------------+------------------------+
 * </pre>
 * The changelog record carries only the serialized value, with the timestamp as the record's timestamp (as Kafka
 * Streams logs its timestamped stores), so the changelog is readable with the value serde; a restore puts the prefix
 * back.
 */
public final class TimestampedKeyValueStore<K, V> extends TypedKeyValueStore<K, V> {
    /** Offset of the timestamp in a stored value. */
    static final int TIMESTAMP_OFFSET = 0;
    /** Offset of the serialized value in a stored value. */
    static final int VALUE_OFFSET = TIMESTAMP_OFFSET + Long.BYTES;

    public TimestampedKeyValueStore(String name, BytesStore bytes, boolean persistent, Serde<K> keySerde,
                                    Serde<V> valueSerde) {
        super(name, bytes, persistent, keySerde, valueSerde);
    }

    /** The value of {@code key} with its timestamp, or null. */
    public ValueAndTimestamp<V> getWithTimestamp(K key) {
        byte[] stored = bytes.get(key(key));
        return stored == null ? null : new ValueAndTimestamp<>(value(stored), timestamp(stored));
    }

    @Override
    byte[] stored(byte[] serializedValue, long timestamp) {
        byte[] stored = new byte[VALUE_OFFSET + serializedValue.length];
        for (int i = 0; i < Long.BYTES; i++) {
            stored[TIMESTAMP_OFFSET + i] = (byte) (timestamp >>> (56 - 8 * i));
        }
        System.arraycopy(serializedValue, 0, stored, VALUE_OFFSET, serializedValue.length);
        return stored;
    }

    @Override
    byte[] serialized(byte[] stored) {
        return Arrays.copyOfRange(stored, VALUE_OFFSET, stored.length);
    }

    private static long timestamp(byte[] stored) {
        long ts = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            ts = (ts << 8) | (stored[TIMESTAMP_OFFSET + i] & 0xffL);
        }
        return ts;
    }
}
