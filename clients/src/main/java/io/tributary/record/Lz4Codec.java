package io.tributary.record;

import static io.tributary.record.Lz4FrameDescriptor.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * LZ4 frame writer and reader matching Apache Kafka's framing; see {@link Lz4FrameDescriptor}. The writer
 * emits exactly Kafka's flags; the optional checksum and content size fields can be switched on (tests use
 * them to exercise the reader). The reader accepts all of them and verifies every checksum present.
 */
final class Lz4Codec implements CompressionCodec {
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();

    private final boolean blockChecksum;
    private final boolean contentChecksum;
    private final boolean contentSize;

    /** A writer with Kafka's flags. */
    Lz4Codec() {
        this(false, false, false);
    }

    Lz4Codec(boolean blockChecksum, boolean contentChecksum, boolean contentSize) {
        this.blockChecksum = blockChecksum;
        this.contentChecksum = contentChecksum;
        this.contentSize = contentSize;
    }

    @Override
    public byte[] compress(byte[] src, int offset, int length) {
        LZ4Compressor compressor = LZ4.fastCompressor();
        int blockSize = maxBlockSize(BD_BLOCK_SIZE_ID_64KB);
        int blocks = (length + blockSize - 1) / blockSize;
        int perBlock = BLOCK_SIZE_LENGTH + BLOCK_CHECKSUM_LENGTH + compressor.maxCompressedLength(blockSize);
        ByteBuffer out = ByteBuffer.allocate(MIN_HEADER_SIZE + CONTENT_SIZE_LENGTH + blocks * perBlock
                + BLOCK_SIZE_LENGTH + CONTENT_CHECKSUM_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC);
        int flg = (FLG_SUPPORTED_VERSION << FLG_VERSION_SHIFT) | FLG_BLOCK_INDEPENDENCE
                | (blockChecksum ? FLG_BLOCK_CHECKSUM : 0) | (contentChecksum ? FLG_CONTENT_CHECKSUM : 0)
                | (contentSize ? FLG_CONTENT_SIZE : 0);
        out.put((byte) flg);
        out.put((byte) (BD_BLOCK_SIZE_ID_64KB << BD_BLOCK_SIZE_SHIFT));
        if (contentSize) {
            out.putLong(length);
        }
        out.put(headerChecksum(out, out.position() - FLG_OFFSET));
        byte[] scratch = new byte[compressor.maxCompressedLength(blockSize)];
        for (int pos = offset; pos < offset + length; pos += blockSize) {
            int chunk = Math.min(blockSize, offset + length - pos);
            int compressed = compressor.compress(src, pos, chunk, scratch, 0, scratch.length);
            int dataStart = out.position() + BLOCK_SIZE_LENGTH;
            if (compressed >= chunk) {
                out.putInt(chunk | BLOCK_UNCOMPRESSED_FLAG).put(src, pos, chunk);
            } else {
                out.putInt(compressed).put(scratch, 0, compressed);
            }
            if (blockChecksum) {
                out.putInt(XXHASH.hash(out, dataStart, out.position() - dataStart, XXHASH_SEED));
            }
        }
        out.putInt(END_MARK);
        if (contentChecksum) {
            out.putInt(XXHASH.hash(src, offset, length, XXHASH_SEED));
        }
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return result;
    }

    private static byte headerChecksum(ByteBuffer frame, int descriptorLength) {
        int hash = XXHASH.hash(frame, FLG_OFFSET, descriptorLength, XXHASH_SEED);
        return (byte) ((hash >> HEADER_CHECKSUM_SHIFT) & HEADER_CHECKSUM_MASK);
    }

    @Override
    public ByteBuffer decompress(ByteBuffer src, int maxBytes) {
        ByteBuffer in = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        require(in, MIN_HEADER_SIZE, "frame header");
        if (in.getInt() != MAGIC) {
            throw new CorruptRecordException("not an LZ4 frame (bad magic)");
        }
        int flg = in.get() & 0xFF;
        int bd = in.get() & 0xFF;
        if (((flg >>> FLG_VERSION_SHIFT) & FLG_VERSION_MASK) != FLG_SUPPORTED_VERSION
                || (flg & (FLG_RESERVED | FLG_DICT_ID)) != 0 || (bd & BD_RESERVED_MASK) != 0) {
            throw new CorruptRecordException("unsupported LZ4 frame descriptor");
        }
        if ((flg & FLG_BLOCK_INDEPENDENCE) == 0) {
            throw new CorruptRecordException("LZ4 frames with dependent blocks are not supported");
        }
        int blockSizeId = (bd >>> BD_BLOCK_SIZE_SHIFT) & BD_BLOCK_SIZE_MASK;
        if (blockSizeId < BD_MIN_BLOCK_SIZE_ID) {
            throw new CorruptRecordException("invalid LZ4 block size id " + blockSizeId);
        }
        int maxBlock = maxBlockSize(blockSizeId);
        long declaredSize = -1;
        if ((flg & FLG_CONTENT_SIZE) != 0) {
            require(in, CONTENT_SIZE_LENGTH + HEADER_CHECKSUM_LENGTH, "content size");
            declaredSize = in.getLong();
            if (declaredSize < 0 || declaredSize > maxBytes) {
                throw new CorruptRecordException("LZ4 content size " + declaredSize + " out of bounds");
            }
        }
        byte expectedChecksum = headerChecksum(in, in.position() - FLG_OFFSET);
        if (in.get() != expectedChecksum) {
            throw new CorruptRecordException("LZ4 frame header checksum mismatch");
        }
        BoundedOutput out = new BoundedOutput(maxBytes, declaredSize >= 0 ? declaredSize : 2L * in.remaining());
        LZ4SafeDecompressor decompressor = LZ4.safeDecompressor();
        while (true) {
            require(in, BLOCK_SIZE_LENGTH, "block size");
            int raw = in.getInt();
            if (raw == END_MARK) {
                break;
            }
            boolean stored = (raw & BLOCK_UNCOMPRESSED_FLAG) != 0;
            int size = raw & ~BLOCK_UNCOMPRESSED_FLAG;
            if (size > maxBlock) {
                throw new CorruptRecordException("LZ4 block of " + size + " bytes exceeds " + maxBlock);
            }
            require(in, size + ((flg & FLG_BLOCK_CHECKSUM) != 0 ? BLOCK_CHECKSUM_LENGTH : 0), "block");
            int dataStart = in.position();
            if ((flg & FLG_BLOCK_CHECKSUM) != 0
                    && XXHASH.hash(in, dataStart, size, XXHASH_SEED) != in.getInt(dataStart + size)) {
                throw new CorruptRecordException("LZ4 block checksum mismatch");
            }
            if (stored) {
                out.write(in, size);
            } else {
                if (maxBytes - out.size() >= maxBlock) {
                    out.ensureRoom(maxBlock);
                    out.advance(decompressor.decompress(in, dataStart, size, ByteBuffer.wrap(out.array()),
                            out.size(), maxBlock));
                } else { // near the output limit: decode aside so that overflow is reported as such
                    ByteBuffer block = ByteBuffer.allocate(maxBlock);
                    block.limit(decompressor.decompress(in, dataStart, size, block, 0, maxBlock));
                    out.write(block, block.limit());
                }
                in.position(dataStart + size);
            }
            if ((flg & FLG_BLOCK_CHECKSUM) != 0) {
                in.position(in.position() + BLOCK_CHECKSUM_LENGTH);
            }
        }
        if ((flg & FLG_CONTENT_CHECKSUM) != 0) {
            require(in, CONTENT_CHECKSUM_LENGTH, "content checksum");
            if (in.getInt() != XXHASH.hash(out.array(), 0, out.size(), XXHASH_SEED)) {
                throw new CorruptRecordException("LZ4 content checksum mismatch");
            }
        }
        if (declaredSize >= 0 && declaredSize != out.size()) {
            throw new CorruptRecordException("LZ4 content size mismatch");
        }
        return out.toBuffer();
    }

    private static void require(ByteBuffer in, int bytes, String what) {
        if (in.remaining() < bytes) {
            throw new CorruptRecordException("LZ4 frame truncated in " + what);
        }
    }
}
