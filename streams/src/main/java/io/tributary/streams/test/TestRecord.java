package io.tributary.streams.test;

import io.tributary.record.Header;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A record piped into or read from a {@link TopologyTestDriver} topic: key, value, headers and record time.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TestRecord<K, V> {
    private final K key;
    private final V value;
    private final List<Header> headers;
    private final Instant recordTime;

    /** A record; a null {@code recordTime} lets the input topic choose (its current time). */
    public TestRecord(K key, V value, List<Header> headers, Instant recordTime) {
        this.key = key;
        this.value = value;
        this.headers = headers == null ? List.of() : List.copyOf(headers);
        this.recordTime = recordTime;
    }

    /** A record with time {@code timestampMs}. */
    public TestRecord(K key, V value, List<Header> headers, long timestampMs) {
        this(key, value, headers, Instant.ofEpochMilli(timestampMs));
    }

    /** A record without headers. */
    public TestRecord(K key, V value, Instant recordTime) {
        this(key, value, List.of(), recordTime);
    }

    /** A record without headers or time. */
    public TestRecord(K key, V value) {
        this(key, value, List.of(), (Instant) null);
    }

    /** A record with only a value. */
    public TestRecord(V value) {
        this(null, value);
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public List<Header> headers() {
        return headers;
    }

    /** The record time, or null if none was given. */
    public Instant recordTime() {
        return recordTime;
    }

    /** The record time in milliseconds, or null if none was given. */
    public Long timestamp() {
        return recordTime == null ? null : recordTime.toEpochMilli();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestRecord<?, ?> r && Objects.equals(key, r.key) && Objects.equals(value, r.value)
            && headers.equals(r.headers) && Objects.equals(recordTime, r.recordTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, headers, recordTime);
    }

    @Override
    public String toString() {
        return "TestRecord[key=" + key + ", value=" + value + ", headers=" + headers + ", recordTime=" + recordTime
            + "]";
    }
}
