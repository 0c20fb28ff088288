package io.tributary.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Snappy in the xerial snappy-java stream framing, which is what Apache Kafka puts on the wire.
 *
 * <pre>
 *  +--------------------------------+-------------+------------------+
 *  | magic 0x82 'S''N''A''P''P''Y' 0| version i32 | compatible i32   |   stream header (16 bytes)
 *  +--------------------------------+-------------+------------------+
 *  | chunk length i32 (big-endian)  | raw snappy block ...           |   repeated; a new stream header
 *  +--------------------------------+--------------------------------+   may follow (concatenated streams)
 * </pre>
 *
 * Writing uses xerial's {@link SnappyOutputStream}. Reading is done here, chunk by chunk, so that every
 * declared length is checked against the bytes present and the output limit before anything is allocated.
 * Like xerial's input stream, input that does not start with the magic is taken as one raw snappy block.
 */
final class SnappyCodec implements CompressionCodec {
    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = MAGIC_OFFSET + MAGIC.length;
    private static final int COMPATIBLE_VERSION_OFFSET = VERSION_OFFSET + Integer.BYTES;
    private static final int STREAM_HEADER_SIZE = COMPATIBLE_VERSION_OFFSET + Integer.BYTES;
    /** The first four magic bytes read as a chunk length: a concatenated stream starts here. */
    private static final int MAGIC_HEAD = ByteBuffer.wrap(MAGIC).getInt();
    private static final int CHUNK_LENGTH_SIZE = Integer.BYTES;

    @Override
    public byte[] compress(byte[] src, int offset, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(STREAM_HEADER_SIZE * 2, length / 2));
        try (SnappyOutputStream snappy = new SnappyOutputStream(out)) {
            snappy.write(src, offset, length);
        }
        return out.toByteArray();
    }

    @Override
    public ByteBuffer decompress(ByteBuffer src, int maxBytes) throws IOException {
        ByteBuffer in = src.slice();
        try {
            if (!startsWithMagic(in)) {
                BoundedOutput out = new BoundedOutput(maxBytes, in.remaining());
                if (in.hasRemaining()) {
                    uncompressBlock(in, in.remaining(), out);
                }
                return out.toBuffer();
            }
            BoundedOutput out = new BoundedOutput(maxBytes, (long) in.remaining() * 2);
            in.position(STREAM_HEADER_SIZE);
            while (in.hasRemaining()) {
                if (in.remaining() < CHUNK_LENGTH_SIZE) {
                    throw new CorruptRecordException("snappy stream ends inside a chunk length");
                }
                int chunkLength = in.getInt();
                if (chunkLength == MAGIC_HEAD) {
                    in.position(in.position() - CHUNK_LENGTH_SIZE);
                    if (!startsWithMagic(in)) {
                        throw new CorruptRecordException("malformed concatenated snappy stream header");
                    }
                    in.position(in.position() + STREAM_HEADER_SIZE);
                    continue;
                }
                if (chunkLength <= 0 || chunkLength > in.remaining()) {
                    throw new CorruptRecordException("snappy chunk length " + chunkLength + " but "
                            + in.remaining() + " bytes remain");
                }
                uncompressBlock(in, chunkLength, out);
            }
            return out.toBuffer();
        } catch (SnappyError e) {
            throw new IOException("snappy failure: " + e.getMessage(), e);
        }
    }

    private static boolean startsWithMagic(ByteBuffer in) {
        if (in.remaining() < STREAM_HEADER_SIZE) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (in.get(in.position() + MAGIC_OFFSET + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static void uncompressBlock(ByteBuffer in, int length, BoundedOutput out) throws IOException {
        byte[] block = new byte[length];
        in.get(block);
        int uncompressed = Snappy.uncompressedLength(block, 0, length);
        out.ensureRoom(uncompressed);
        int written = Snappy.uncompress(block, 0, length, out.array(), out.size());
        if (written != uncompressed) {
            throw new CorruptRecordException("snappy block length mismatch");
        }
        out.advance(written);
    }
}
