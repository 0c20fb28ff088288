package io.tributary.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.xerial.snappy.SnappyError;

/**
 * Compression codecs of record batch v2 (attribute bits 0-2). Only the records section is compressed; the
 * batch header, including recordCount, stays plain. Names match Kafka's {@code compression.type} values.
 */
public enum CompressionType {
    NONE(0, "none", null),
    GZIP(1, "gzip", new GzipCodec()),
    SNAPPY(2, "snappy", new SnappyCodec()),
    LZ4(3, "lz4", new Lz4Codec()),
    ZSTD(4, "zstd", new ZstdCodec());

    /** Default bound on the decompressed records section of one batch (64 MiB). */
    public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

    /** Attribute value (bits 0-2 of the batch attributes). */
    public final int id;
    /** Kafka configuration name, e.g. {@code "zstd"}. */
    public final String name;
    private final CompressionCodec codec;

    CompressionType(int id, String name, CompressionCodec codec) {
        this.id = id;
        this.name = name;
        this.codec = codec;
    }

    /**
     * The codec with the given attribute id.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public static CompressionType forId(int id) {
        for (CompressionType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown compression type id: " + id + " (expected 0..4)");
    }

    /**
     * The codec with the given {@code compression.type} name (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static CompressionType forName(String name) {
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (CompressionType type : values()) {
                if (type.name.equals(lower)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("Unknown compression type: '" + name
                + "' (expected one of none, gzip, snappy, lz4, zstd)");
    }

    /** Compresses a records section; {@link #NONE} returns a copy. */
    public byte[] compress(byte[] src, int offset, int length) {
        if (codec == null) {
            byte[] copy = new byte[length];
            System.arraycopy(src, offset, copy, 0, length);
            return copy;
        }
        try {
            return codec.compress(src, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " compression failed", e);
        }
    }

    /**
     * Decompresses the remaining bytes of {@code src} without moving its position. For {@link #NONE} the
     * result is a read-only view of the same bytes.
     *
     * @param maxBytes refuse output longer than this
     * @throws CorruptRecordException on malformed input or output longer than {@code maxBytes}
     */
    public ByteBuffer decompress(ByteBuffer src, int maxBytes) {
        if (codec == null) {
            return src.slice().asReadOnlyBuffer();
        }
        try {
            return codec.decompress(src, maxBytes);
        } catch (CorruptRecordException e) {
            throw e;
        } catch (IOException | RuntimeException | SnappyError e) {
            throw new CorruptRecordException(name + " decompression failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
