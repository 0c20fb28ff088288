package io.tributary.broker.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import io.tributary.protocol.types.RecordsSource;

/**
 * A byte range of a segment file holding whole record batches (the last one possibly cut short by a size
 * limit). It can be sent to a socket with zero copy ({@link #transferTo}) or read into memory. The channel stays
 * owned by the segment: a slice never closes it.
 *
 * @param channel  the segment's file
 * @param position where the range starts
 * @param size     bytes in the range
 * @param path     the segment file's path when the slice was taken (for a sender that opens its own handle), or null
 */
public record FileSlice(FileChannel channel, long position, int size, Path path) implements RecordsSource {
    /** A slice without a path (sent by copying). */
    public FileSlice(FileChannel channel, long position, int size) {
        this(channel, position, size, null);
    }

    /** An empty slice. */
    public static FileSlice empty(FileChannel channel) {
        return new FileSlice(channel, 0, 0);
    }

    @Override
    public int sizeInBytes() {
        return size;
    }

    @Override
    public void copyTo(ByteBuffer dst) {
        dst.put(read());
    }

    @Override
    public Path file() {
        return path;
    }

    @Override
    public long filePosition() {
        return position;
    }

    /** Copies the range into a new heap buffer (position 0, limit {@code size}). */
    public ByteBuffer read() {
        ByteBuffer buf = ByteBuffer.allocate(size);
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, position + buf.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + size + " bytes at " + position, e);
        }
        return buf.flip();
    }

    /** Sends up to {@code count} bytes starting {@code offset} bytes into the range; returns bytes sent. */
    public long transferTo(WritableByteChannel target, long offset, long count) throws IOException {
        long n = Math.min(count, size - offset);
        return n <= 0 ? 0 : channel.transferTo(position + offset, n, target);
    }
}
