package io.tributary.protocol.types;

import io.tributary.common.Uuid;
import io.tributary.protocol.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads Kafka primitive types from a big-endian {@link ByteBuffer}. Every length is checked against the bytes that
 * remain before anything is allocated, so hostile input ends in a {@link MalformedMessageException}, never an
 * OutOfMemoryError. Not thread-safe.
 */
public final class ProtocolReader {
    private final ByteBuffer buf;

    public ProtocolReader(ByteBuffer buf) {
        this.buf = buf;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public int remaining() {
        return buf.remaining();
    }

    private void need(int n, String what) {
        if (n < 0 || n > buf.remaining()) {
            throw new MalformedMessageException("truncated " + what + ": needs " + n + " bytes, " + buf.remaining()
                + " remain");
        }
    }

    public boolean readBool() {
        return readInt8() != 0;
    }

    public byte readInt8() {
        need(1, "int8");
        return buf.get();
    }

    public short readInt16() {
        need(2, "int16");
        return buf.getShort();
    }

    public int readUint16() {
        return readInt16() & 0xffff;
    }

    public int readInt32() {
        need(4, "int32");
        return buf.getInt();
    }

    public long readUint32() {
        return readInt32() & 0xffffffffL;
    }

    public long readInt64() {
        need(8, "int64");
        return buf.getLong();
    }

    public double readFloat64() {
        need(8, "float64");
        return buf.getDouble();
    }

    public Uuid readUuid() {
        need(16, "uuid");
        return new Uuid(buf.getLong(), buf.getLong());
    }

    /** An unsigned varint of at most 5 bytes. */
    public int readUnsignedVarint() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readInt8();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedMessageException("unsigned varint is longer than 5 bytes");
    }

    /** A zig-zag signed varint. */
    public int readVarint() {
        int raw = readUnsignedVarint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A zig-zag signed varlong of at most 10 bytes. */
    public long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readInt8();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new MalformedMessageException("varlong is longer than 10 bytes");
    }

    /**
     * A length prefix: int16 (classic strings), int32 (classic bytes and arrays) or unsigned varint minus one
     * (compact). Returns -1 for null; anything below -1 is refused.
     */
    public int readLength(LengthKind kind) {
        int len = switch (kind) {
            case INT16 -> readInt16();
            case INT32 -> readInt32();
            case COMPACT -> readUnsignedVarint() - 1;
        };
        if (len < -1) {
            throw new MalformedMessageException("negative length " + len);
        }
        return len;
    }

    /** The three ways a length is written. */
    public enum LengthKind { INT16, INT32, COMPACT }

    /** {@code len} bytes as UTF-8 text. */
    public String readUtf8(int len) {
        need(len, "string");
        ByteBuffer slice = buf.slice();
        slice.limit(len);
        buf.position(buf.position() + len);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("string is not valid UTF-8", e);
        }
    }

    /** A copy of the next {@code len} bytes. */
    public byte[] readByteArray(int len) {
        need(len, "bytes");
        byte[] out = new byte[len];
        buf.get(out);
        return out;
    }

    /**
     * A view of the next {@code len} bytes, without copying. It shares the input's memory (and its writability):
     * a broker rewrites the base offsets of produced batches in place through it.
     */
    public ByteBuffer readSlice(int len) {
        need(len, "bytes");
        ByteBuffer slice = buf.slice();
        slice.limit(len);
        buf.position(buf.position() + len);
        return slice;
    }

    /** Checks that an array of {@code count} elements can fit in what remains (each element takes a byte at least). */
    public void checkArrayCount(int count) {
        if (count > buf.remaining()) {
            throw new MalformedMessageException("array of " + count + " elements cannot fit in " + buf.remaining()
                + " remaining bytes");
        }
    }
}
