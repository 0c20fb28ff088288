package io.tributary.record;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Zstandard frames via zstd-jni streams, as Apache Kafka writes them. */
final class ZstdCodec implements CompressionCodec {
    /** Kafka's default {@code compression.zstd.level}. */
    static final int DEFAULT_LEVEL = 3;
    private static final int EXPANSION_HINT = 4;

    @Override
    public byte[] compress(byte[] src, int offset, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, DEFAULT_LEVEL)) {
            zstd.write(src, offset, length);
        }
        return out.toByteArray();
    }

    @Override
    public ByteBuffer decompress(ByteBuffer src, int maxBytes) throws IOException {
        try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteBufferInputStream(src))) {
            return BoundedOutput.readAll(in, maxBytes, (long) src.remaining() * EXPANSION_HINT);
        }
    }
}
