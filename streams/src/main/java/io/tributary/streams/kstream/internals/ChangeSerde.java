package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Deserializer;
import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.SerializationException;
import io.tributary.clients.serialization.Serializer;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The value encoding of a table {@code groupBy}'s repartition topic: a {@link Change} whose old value is to be
 * subtracted from its key's aggregate and whose new value is to be added, either of them absent. A row that moves to
 * another group travels as two records (the old value to the old key, the new value to the new key), a row that keeps
 * its group as one record carrying both, so the aggregation applies subtractor then adder and emits one update.
 *
 * <pre>
 *  0       1                    5
 *  +-------+--------------------+-----------------+-----------------+
 *  | flags | new length (int32) | new value bytes | old value bytes |   both present
 *  +-------+--------------------+-----------------+-----------------+
 *  +-------+-----------------+
 *  | flags | new value bytes |                                         only the new value (flags = NEW)
 *  +-------+-----------------+
 *  +-------+-----------------+
 *  | flags | old value bytes |                                         only the old value (flags = OLD)
 *  +-------+-----------------+
 * </pre>
 * The flags byte has bit {@link #NEW} when a new value is present and bit {@link #OLD} when an old one is; the length
 * field (big-endian) exists only when both are. A change with neither is never written (an error).
 */
final class ChangeSerde<V> implements Serde<Change<V>> {
    static final byte NEW = 0x01;
    static final byte OLD = 0x02;
    static final int FLAGS_OFFSET = 0;
    static final int SINGLE_VALUE_OFFSET = FLAGS_OFFSET + 1;
    static final int NEW_LENGTH_OFFSET = FLAGS_OFFSET + 1;
    static final int BOTH_NEW_VALUE_OFFSET = NEW_LENGTH_OFFSET + Integer.BYTES;

    private final Serde<V> inner;

    ChangeSerde(Serde<V> inner) {
        this.inner = inner;
    }

    @Override
    public Serializer<Change<V>> serializer() {
        Serializer<V> values = inner.serializer();
        return (topic, change) -> {
            if (change == null) {
                return null;
            }
            byte[] n = change.newValue() == null ? null : values.serialize(topic, change.newValue());
            byte[] o = change.oldValue() == null ? null : values.serialize(topic, change.oldValue());
            if (n == null && o == null) {
                throw new SerializationException("a change for " + topic + " has neither a new nor an old value");
            }
            if (n != null && o != null) {
                return ByteBuffer.allocate(BOTH_NEW_VALUE_OFFSET + n.length + o.length).put((byte) (NEW | OLD))
                    .putInt(n.length).put(n).put(o).array();
            }
            byte[] single = n != null ? n : o;
            return ByteBuffer.allocate(SINGLE_VALUE_OFFSET + single.length).put(n != null ? NEW : OLD).put(single)
                .array();
        };
    }

    @Override
    public Deserializer<Change<V>> deserializer() {
        Deserializer<V> values = inner.deserializer();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length < SINGLE_VALUE_OFFSET) {
                throw new SerializationException("an empty change in a record of " + topic);
            }
            byte flags = data[FLAGS_OFFSET];
            switch (flags) {
                case NEW:
                    return new Change<>(values.deserialize(topic, Arrays.copyOfRange(data, SINGLE_VALUE_OFFSET,
                        data.length)), null);
                case OLD:
                    return new Change<>(null, values.deserialize(topic, Arrays.copyOfRange(data, SINGLE_VALUE_OFFSET,
                        data.length)));
                case NEW | OLD:
                    if (data.length < BOTH_NEW_VALUE_OFFSET) {
                        throw new SerializationException("a change in a record of " + topic + " is truncated");
                    }
                    int newLength = ByteBuffer.wrap(data).getInt(NEW_LENGTH_OFFSET);
                    if (newLength < 0 || newLength > data.length - BOTH_NEW_VALUE_OFFSET) {
                        throw new SerializationException("a change in a record of " + topic + " has new length "
                            + newLength + " (expected: 0.." + (data.length - BOTH_NEW_VALUE_OFFSET) + ")");
                    }
                    int oldOffset = BOTH_NEW_VALUE_OFFSET + newLength;
                    return new Change<>(
                        values.deserialize(topic, Arrays.copyOfRange(data, BOTH_NEW_VALUE_OFFSET, oldOffset)),
                        values.deserialize(topic, Arrays.copyOfRange(data, oldOffset, data.length)));
                default:
                    throw new SerializationException("a change in a record of " + topic + " has flags " + flags
                        + " (expected: 1, 2 or 3)");
            }
        };
    }
}
