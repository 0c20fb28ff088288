package io.tributary.clients.serialization;

import io.tributary.record.Header;
import java.util.List;

/**
 * Turns a key or value into bytes. A serializer that throws fails only the send it was called for.
 *
 * @param <T> the type serialized
 */
@FunctionalInterface
public interface Serializer<T> extends AutoCloseable {
    /** The bytes of {@code data} (null stays null) for a record of {@code topic}. */
    byte[] serialize(String topic, T data);

    /** As {@link #serialize(String, Object)}, with the record's headers (which it may add to). */
    default byte[] serialize(String topic, List<Header> headers, T data) {
        return serialize(topic, data);
    }

    /** Called once with the client's configuration; {@code isKey} tells keys from values. */
    default void configure(java.util.Map<String, ?> configs, boolean isKey) {
    }

    @Override
    default void close() {
    }
}
