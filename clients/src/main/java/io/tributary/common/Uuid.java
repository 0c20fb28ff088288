package io.tributary.common;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;

/**
 * A 128-bit identifier as Kafka uses it for topic ids and cluster ids. Its text form is the URL-safe base64
 * of the 16 big-endian bytes, without padding (22 characters), exactly as Kafka prints it. Immutable.
 */
public final class Uuid implements Comparable<Uuid> {
    /** The all-zero id: "no id" on the wire. */
    public static final Uuid ZERO = new Uuid(0L, 0L);

    private final long mostSignificantBits;
    private final long leastSignificantBits;

    public Uuid(long mostSignificantBits, long leastSignificantBits) {
        this.mostSignificantBits = mostSignificantBits;
        this.leastSignificantBits = leastSignificantBits;
    }

    /** A random id that is neither {@link #ZERO} nor starts with '-' in its text form (Kafka avoids both). */
    public static Uuid randomUuid() {
        while (true) {
            java.util.UUID u = java.util.UUID.randomUUID();
            Uuid id = new Uuid(u.getMostSignificantBits(), u.getLeastSignificantBits());
            if (!id.equals(ZERO) && !id.toString().startsWith("-")) {
                return id;
            }
        }
    }

    /** Parses the 22-character base64 text form. */
    public static Uuid fromString(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(Objects.requireNonNull(text, "text"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uuid : " + text + " (expected: 22 characters of URL-safe base64)", e);
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("uuid : " + text + " (expected: 16 bytes, got " + bytes.length + ")");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        return new Uuid(buf.getLong(), buf.getLong());
    }

    public long mostSignificantBits() {
        return mostSignificantBits;
    }

    public long leastSignificantBits() {
        return leastSignificantBits;
    }

    @Override
    public String toString() {
        ByteBuffer buf = ByteBuffer.allocate(16).putLong(mostSignificantBits).putLong(leastSignificantBits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Uuid other
            && other.mostSignificantBits == mostSignificantBits
            && other.leastSignificantBits == leastSignificantBits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(mostSignificantBits) * 31 + Long.hashCode(leastSignificantBits);
    }

    @Override
    public int compareTo(Uuid o) {
        int c = Long.compare(mostSignificantBits, o.mostSignificantBits);
        return c != 0 ? c : Long.compare(leastSignificantBits, o.leastSignificantBits);
    }
}
