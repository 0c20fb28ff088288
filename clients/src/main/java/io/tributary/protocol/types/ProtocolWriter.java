package io.tributary.protocol.types;

import io.tributary.common.Uuid;
import java.nio.ByteBuffer;

/**
 * Writes Kafka primitive types into a heap buffer that grows as needed. Not thread-safe.
 */
public final class ProtocolWriter {
    private ByteBuffer buf;

    public ProtocolWriter(int initialCapacity) {
        buf = ByteBuffer.allocate(Math.max(16, initialCapacity));
    }

    private void ensure(int n) {
        if (buf.remaining() < n) {
            int needed = buf.position() + n;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, buf.capacity() * 2));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    /** Bytes written so far. */
    public int position() {
        return buf.position();
    }

    /** Overwrites the int32 at {@code position} (for a length prefix written before its content). */
    public void putInt32At(int position, int value) {
        buf.putInt(position, value);
    }

    /** The bytes written, as a buffer ready to read (position 0). The writer must not be used afterwards. */
    public ByteBuffer toByteBuffer() {
        ByteBuffer out = buf.duplicate();
        out.flip();
        return out;
    }

    public void writeBool(boolean v) {
        writeInt8((byte) (v ? 1 : 0));
    }

    public void writeInt8(byte v) {
        ensure(1);
        buf.put(v);
    }

    public void writeInt16(short v) {
        ensure(2);
        buf.putShort(v);
    }

    public void writeInt32(int v) {
        ensure(4);
        buf.putInt(v);
    }

    public void writeInt64(long v) {
        ensure(8);
        buf.putLong(v);
    }

    public void writeFloat64(double v) {
        ensure(8);
        buf.putDouble(v);
    }

    public void writeUuid(Uuid v) {
        ensure(16);
        buf.putLong(v.mostSignificantBits()).putLong(v.leastSignificantBits());
    }

    public void writeUnsignedVarint(int v) {
        ensure(5);
        while ((v & ~0x7f) != 0) {
            buf.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buf.put((byte) v);
    }

    public void writeVarint(int v) {
        writeUnsignedVarint((v << 1) ^ (v >> 31));
    }

    public void writeVarlong(long v) {
        ensure(10);
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7fL) != 0) {
            buf.put((byte) ((z & 0x7f) | 0x80));
            z >>>= 7;
        }
        buf.put((byte) z);
    }

    public void writeBytes(byte[] b) {
        ensure(b.length);
        buf.put(b);
    }

    /** Copies the remaining bytes of {@code b} without moving its position. */
    public void writeBytes(ByteBuffer b) {
        ensure(b.remaining());
        buf.put(b.duplicate());
    }
}
