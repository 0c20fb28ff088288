package io.tributary.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** An immutable decoded record: absolute offset, timestamp, nullable key and value, and headers. */
public final class Record {
    private final long offset;
    private final long timestamp;
    private final byte[] key;
    private final byte[] value;
    private final List<Header> headers;

    /** Creates a record; key and value (nullable) are copied. */
    public Record(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {
        this(offset, timestamp, key == null ? null : key.clone(), value == null ? null : value.clone(),
                List.copyOf(headers), true);
    }

    /** Takes ownership of the arrays (decoder use). */
    Record(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers, boolean owned) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = Objects.requireNonNull(headers);
    }

    /** Absolute offset. */
    public long offset() {
        return offset;
    }

    /** Timestamp in ms, or -1 for none. */
    public long timestamp() {
        return timestamp;
    }

    /** False for a null key. */
    public boolean hasKey() {
        return key != null;
    }

    /** A copy of the key, or null. */
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /** A read-only view of the key, or null. */
    public ByteBuffer keyBuffer() {
        return key == null ? null : ByteBuffer.wrap(key).asReadOnlyBuffer();
    }

    /** False for a null value (tombstone). */
    public boolean hasValue() {
        return value != null;
    }

    /** A copy of the value, or null. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /** A read-only view of the value, or null. */
    public ByteBuffer valueBuffer() {
        return value == null ? null : ByteBuffer.wrap(value).asReadOnlyBuffer();
    }

    /** Unmodifiable headers in wire order. */
    public List<Header> headers() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Record)) {
            return false;
        }
        Record r = (Record) o;
        return offset == r.offset && timestamp == r.timestamp && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, Arrays.hashCode(key), Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", key="
                + (key == null ? "null" : key.length + " bytes") + ", value="
                + (value == null ? "null" : value.length + " bytes") + ", headers=" + headers + ")";
    }
}
