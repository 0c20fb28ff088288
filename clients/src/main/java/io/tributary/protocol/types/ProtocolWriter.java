package io.tributary.protocol.types;

import io.tributary.common.Uuid;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Kafka primitive types into a heap buffer that grows as needed. Records fields backed by a
 * {@link RecordsSource} are not copied in: their place is remembered, so {@link #parts()} can hand them to a
 * network layer as they are (zero copy). Not thread-safe.
 */
public final class ProtocolWriter {
    private ByteBuffer buf;
    /** Deferred record sources and the heap position they stand at, in order. */
    private final List<Object[]> deferred = new ArrayList<>();
    private long deferredBytes;

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

    /** Bytes written so far, deferred record sources included. */
    public int position() {
        return (int) (buf.position() + deferredBytes);
    }

    /**
     * Overwrites the int32 at {@code position} (for a length prefix written before its content); only for
     * positions before the first deferred record source.
     */
    public void putInt32At(int position, int value) {
        if (!deferred.isEmpty() && position + 4 > (int) deferred.get(0)[0]) {
            throw new IllegalStateException("position " + position + " lies after a deferred records source");
        }
        buf.putInt(position, value);
    }

    /** Reserves the place of {@code source}'s bytes (its length prefix must already be written). */
    public void writeDeferred(RecordsSource source) {
        deferred.add(new Object[] {buf.position(), source});
        deferredBytes += source.sizeInBytes();
    }

    /**
     * The bytes written, in order: heap {@link ByteBuffer}s (ready to read) and {@link RecordsSource}s to send as
     * they are. The writer must not be used afterwards.
     */
    public List<Object> parts() {
        List<Object> out = new ArrayList<>();
        ByteBuffer all = buf.duplicate().flip();
        int from = 0;
        for (Object[] d : deferred) {
            int at = (int) d[0];
            if (at > from) {
                out.add(all.duplicate().position(from).limit(at).slice());
            }
            out.add(d[1]);
            from = at;
        }
        if (all.limit() > from) {
            out.add(all.duplicate().position(from).slice());
        }
        return out;
    }

    /**
     * The bytes written, as one buffer ready to read (position 0), copying in any deferred record sources. The
     * writer must not be used afterwards.
     */
    public ByteBuffer toByteBuffer() {
        if (deferred.isEmpty()) {
            ByteBuffer out = buf.duplicate();
            out.flip();
            return out;
        }
        ByteBuffer out = ByteBuffer.allocate(position());
        for (Object part : parts()) {
            if (part instanceof ByteBuffer b) {
                out.put(b);
            } else {
                ((RecordsSource) part).copyTo(out);
            }
        }
        return out.flip();
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
