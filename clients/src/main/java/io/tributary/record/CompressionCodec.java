package io.tributary.record;

import java.io.IOException;
import java.nio.ByteBuffer;

/** One compression codec for the records section of a batch. Implementations are stateless and thread-safe. */
interface CompressionCodec {
    /** Compresses {@code length} bytes of {@code src} starting at {@code offset}. */
    byte[] compress(byte[] src, int offset, int length) throws IOException;

    /**
     * Decompresses the remaining bytes of {@code src} (its position is not moved) into a new heap buffer
     * positioned at 0, refusing output longer than {@code maxBytes}.
     *
     * @throws CorruptRecordException if the output would exceed {@code maxBytes} or the framing is invalid
     * @throws IOException if the underlying library reports malformed input
     */
    ByteBuffer decompress(ByteBuffer src, int maxBytes) throws IOException;
}
