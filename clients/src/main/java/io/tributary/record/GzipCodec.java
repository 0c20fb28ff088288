package io.tributary.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip (RFC 1952) via java.util.zip, as Apache Kafka writes it. */
final class GzipCodec implements CompressionCodec {
    private static final int BUFFER_SIZE = 8 * 1024;
    private static final int EXPANSION_HINT = 4;

    @Override
    public byte[] compress(byte[] src, int offset, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(BUFFER_SIZE, length / 2));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, BUFFER_SIZE)) {
            gzip.write(src, offset, length);
        }
        return out.toByteArray();
    }

    @Override
    public ByteBuffer decompress(ByteBuffer src, int maxBytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteBufferInputStream(src), BUFFER_SIZE)) {
            return BoundedOutput.readAll(in, maxBytes, (long) src.remaining() * EXPANSION_HINT);
        }
    }
}
