package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Deserializer;
import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.SerializationException;
import io.tributary.clients.serialization.Serializer;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The serde of {@link Windowed} keys, made from the serde of the inner key. Layout (Tributary's own, not Kafka
 * Streams'):
 *
 * <pre>
 * +----------------------+-----------------------+---------------------+
 * | inner key bytes (n)  | window start (int64)  | window end (int64)  |
 * +----------------------+-----------------------+---------------------+
 * </pre>
 *
 * Big-endian; a null inner key is not allowed (aggregations skip null keys).
 */
public final class WindowedSerdes {
    /** Bytes after the inner key: start and end. */
    public static final int SUFFIX_LENGTH = 2 * Long.BYTES;

    private WindowedSerdes() {
    }

    /** The serde of windowed keys whose inner keys use {@code inner}. */
    public static <K> Serde<Windowed<K>> windowed(Serde<K> inner) {
        Serializer<K> keys = inner.serializer();
        Deserializer<K> keyReader = inner.deserializer();
        Serializer<Windowed<K>> serializer = (topic, windowed) -> {
            if (windowed == null) {
                return null;
            }
            byte[] key = keys.serialize(topic, windowed.key());
            return ByteBuffer.allocate(key.length + SUFFIX_LENGTH).put(key).putLong(windowed.window().start())
                .putLong(windowed.window().end()).array();
        };
        Deserializer<Windowed<K>> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length < SUFFIX_LENGTH) {
                throw new SerializationException("windowed key of " + data.length + " bytes (expected: at least "
                    + SUFFIX_LENGTH + ")");
            }
            int n = data.length - SUFFIX_LENGTH;
            ByteBuffer suffix = ByteBuffer.wrap(data, n, SUFFIX_LENGTH);
            long start = suffix.getLong();
            long end = suffix.getLong();
            return new Windowed<>(keyReader.deserialize(topic, Arrays.copyOf(data, n)), new Window(start, end));
        };
        return Serde.of(serializer, deserializer);
    }
}
