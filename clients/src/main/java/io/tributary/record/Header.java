package io.tributary.record;

import java.util.Arrays;
import java.util.Objects;

/** An immutable record header: a non-null UTF-8 key and a nullable value. */
public final class Header {
    private final String key;
    private final byte[] value;

    /** Creates a header; {@code value} is copied and may be null. */
    public Header(String key, byte[] value) {
        this.key = Objects.requireNonNull(key, "header key");
        this.value = value == null ? null : value.clone();
    }

    /** The header key. */
    public String key() {
        return key;
    }

    /** A copy of the value, or null. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header && key.equals(((Header) o).key) && Arrays.equals(value, ((Header) o).value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header(" + key + ", " + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
