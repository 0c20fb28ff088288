package io.tributary.streams.processor.api;

import io.tributary.record.Header;
import java.util.List;
import java.util.Objects;

/**
 * A record passed between processors: key, value, timestamp (milliseconds) and headers. Immutable; the
 * {@code with*} methods return a copy with one part replaced.
 *
 * @param key       the key, may be null
 * @param value     the value, may be null
 * @param timestamp the record's event time in milliseconds (not negative)
 * @param headers   the headers, never null
 * @param <K>       key type
 * @param <V>       value type
 */
public record Record<K, V>(K key, V value, long timestamp, List<Header> headers) {
    public Record {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp : " + timestamp + " (expected: >= 0)");
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record without headers. */
    public Record(K key, V value, long timestamp) {
        this(key, value, timestamp, List.of());
    }

    /** This record with another key. */
    public <NK> Record<NK, V> withKey(NK newKey) {
        return new Record<>(newKey, value, timestamp, headers);
    }

    /** This record with another value. */
    public <NV> Record<K, NV> withValue(NV newValue) {
        return new Record<>(key, newValue, timestamp, headers);
    }

    /** This record with another timestamp. */
    public Record<K, V> withTimestamp(long newTimestamp) {
        return new Record<>(key, value, newTimestamp, headers);
    }

    /** This record with other headers. */
    public Record<K, V> withHeaders(List<Header> newHeaders) {
        return new Record<>(key, value, timestamp, Objects.requireNonNull(newHeaders, "headers"));
    }
}
