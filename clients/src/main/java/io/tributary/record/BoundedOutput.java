package io.tributary.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array that refuses to grow past a limit: the guard against decompression bombs. */
final class BoundedOutput {
    private static final int MIN_CAPACITY = 256;
    private static final int MAX_IDLE_READS = 1024;

    private final int maxBytes;
    private byte[] bytes;
    private int size;

    BoundedOutput(int maxBytes, long sizeHint) {
        this.maxBytes = maxBytes;
        this.bytes = new byte[(int) Math.min(maxBytes, Math.max(MIN_CAPACITY, sizeHint))];
    }

    /** Makes room for {@code extra} more bytes or throws if that would pass the limit. */
    void ensureRoom(long extra) {
        long needed = size + extra;
        if (extra < 0 || needed > maxBytes) {
            throw new CorruptRecordException("decompressed records exceed the limit of " + maxBytes + " bytes");
        }
        if (needed > bytes.length) {
            long grown = Math.max(needed, 2L * bytes.length);
            bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, grown));
        }
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void advance(int count) {
        size += count;
    }

    void write(ByteBuffer src, int length) {
        ensureRoom(length);
        src.get(bytes, size, length);
        size += length;
    }

    ByteBuffer toBuffer() {
        return ByteBuffer.wrap(bytes, 0, size).slice();
    }

    /** Drains {@code in} into a bounded buffer. */
    static ByteBuffer readAll(InputStream in, int maxBytes, long sizeHint) throws IOException {
        BoundedOutput out = new BoundedOutput(maxBytes, sizeHint);
        int idleReads = 0;
        while (true) {
            if (out.size == out.bytes.length) {
                if (out.size >= maxBytes) {
                    if (in.read() < 0) {
                        break;
                    }
                    out.ensureRoom(1); // throws: one byte more than allowed
                }
                out.ensureRoom(1);
            }
            int read = in.read(out.bytes, out.size, out.bytes.length - out.size);
            if (read < 0) {
                break;
            }
            if (read == 0 && ++idleReads > MAX_IDLE_READS) {
                throw new CorruptRecordException("decompressor made no progress");
            }
            out.size += read;
        }
        return out.toBuffer();
    }
}
