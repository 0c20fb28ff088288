package io.tributary.common;

import java.nio.ByteBuffer;

/**
 * Variable-length integer encodings used by the Kafka wire format.
 *
 * <p>Two families exist and must not be mixed up:
 * <ul>
 *   <li>unsigned varints (LEB128, 7 bits per byte, low group first) for lengths and tags in flexible message
 *       versions;</li>
 *   <li>signed zig-zag varints and varlongs (protobuf style) inside record batches v2.</li>
 * </ul>
 * Readers throw {@link java.nio.BufferUnderflowException} on a truncated value and
 * {@link IllegalArgumentException} on an over-long encoding. Stateless and thread-safe.
 */
public final class ByteUtils {
    private ByteUtils() {
    }

    /** Reads an unsigned varint of at most 5 bytes. */
    public static int readUnsignedVarint(ByteBuffer buf) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = buf.get();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("unsigned varint is longer than 5 bytes");
    }

    /** Writes {@code value} as an unsigned varint (negative values take 5 bytes). */
    public static void writeUnsignedVarint(int value, ByteBuffer buf) {
        while ((value & ~0x7f) != 0) {
            buf.put((byte) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        buf.put((byte) value);
    }

    /**
     * Writes {@code value} as an unsigned varint into {@code dst} at {@code pos}, without bounds checks beyond the
     * array's own; returns the position after it. For hot paths that encode into a heap buffer's array.
     */
    public static int writeUnsignedVarint(int value, byte[] dst, int pos) {
        while ((value & ~0x7f) != 0) {
            dst[pos++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        dst[pos++] = (byte) value;
        return pos;
    }

    /** Writes {@code value} zig-zag encoded into {@code dst} at {@code pos}; returns the position after it. */
    public static int writeVarint(int value, byte[] dst, int pos) {
        return writeUnsignedVarint((value << 1) ^ (value >> 31), dst, pos);
    }

    /** Writes {@code value} zig-zag encoded into {@code dst} at {@code pos}; returns the position after it. */
    public static int writeVarlong(long value, byte[] dst, int pos) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7fL) != 0) {
            dst[pos++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[pos++] = (byte) v;
        return pos;
    }

    /** Bytes {@link #writeUnsignedVarint} takes for {@code value}. */
    public static int sizeOfUnsignedVarint(int value) {
        // one byte per started group of 7 significant bits
        int bits = 32 - Integer.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    /** Reads a zig-zag encoded signed varint of at most 5 bytes. */
    public static int readVarint(ByteBuffer buf) {
        int raw = readUnsignedVarint(buf);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Writes {@code value} zig-zag encoded. */
    public static void writeVarint(int value, ByteBuffer buf) {
        writeUnsignedVarint((value << 1) ^ (value >> 31), buf);
    }

    /** Bytes {@link #writeVarint} takes for {@code value}. */
    public static int sizeOfVarint(int value) {
        return sizeOfUnsignedVarint((value << 1) ^ (value >> 31));
    }

    /** Reads a zig-zag encoded signed varlong of at most 10 bytes. */
    public static long readVarlong(ByteBuffer buf) {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = buf.get();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("varlong is longer than 10 bytes");
    }

    /** Writes {@code value} zig-zag encoded. */
    public static void writeVarlong(long value, ByteBuffer buf) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7fL) != 0) {
            buf.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buf.put((byte) v);
    }

    /** Bytes {@link #writeVarlong} takes for {@code value}. */
    public static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bits = 64 - Long.numberOfLeadingZeros(v);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }
}
