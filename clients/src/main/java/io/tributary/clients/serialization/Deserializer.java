package io.tributary.clients.serialization;

import io.tributary.record.Header;
import java.util.List;

/**
 * Turns bytes read from a topic back into a key or value.
 *
 * @param <T> the type produced
 */
@FunctionalInterface
public interface Deserializer<T> extends AutoCloseable {
    /** The value of {@code data} (null stays null) read from {@code topic}. */
    T deserialize(String topic, byte[] data);

    /** As {@link #deserialize(String, byte[])}, with the record's headers. */
    default T deserialize(String topic, List<Header> headers, byte[] data) {
        return deserialize(topic, data);
    }

    /** Called once with the client's configuration; {@code isKey} tells keys from values. */
    default void configure(java.util.Map<String, ?> configs, boolean isKey) {
    }

    @Override
    default void close() {
    }
}
