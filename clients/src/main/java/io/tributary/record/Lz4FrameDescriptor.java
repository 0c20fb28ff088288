package io.tributary.record;

/**
 * Layout of the LZ4 frame format as Apache Kafka uses it for record batches (all integers little-endian).
 *
 * <pre>
 *  +-------------------+-----+----+--------------------+-----------+----+
 *  | magic 0x184D2204  | FLG | BD | content size (opt) | dictId(x) | HC |   frame header
 *  +-------------------+-----+----+--------------------+-----------+----+
 *  | block size i32 (bit 31 = stored uncompressed) | data | block checksum i32 (opt) |   repeated
 *  +-----------------------------------------------+------+--------------------------+
 *  | end mark i32 = 0  | content checksum i32 (opt) |
 *  +-------------------+----------------------------+
 *
 *  FLG: bits 7-6 version (01) | bit 5 block independence | bit 4 block checksum
 *       bit 3 content size    | bit 2 content checksum   | bit 1 reserved | bit 0 dictId (unsupported)
 *  BD:  bits 6-4 block max size id (4 = 64 KiB .. 7 = 4 MiB), other bits reserved
 *  HC:  (xxhash32(FLG .. last optional descriptor byte, seed 0) >> 8) &amp; 0xFF
 * </pre>
 *
 * Kafka writes FLG = version 01 + block independence, BD = 64 KiB, no optional fields.
 */
final class Lz4FrameDescriptor {
    private Lz4FrameDescriptor() {
    }

    static final int MAGIC = 0x184D2204;
    static final int MAGIC_OFFSET = 0;
    static final int FLG_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    static final int BD_OFFSET = FLG_OFFSET + Byte.BYTES;
    static final int OPTIONAL_FIELDS_OFFSET = BD_OFFSET + Byte.BYTES;
    static final int CONTENT_SIZE_LENGTH = Long.BYTES;
    static final int HEADER_CHECKSUM_LENGTH = Byte.BYTES;
    /** Header without optional fields: magic, FLG, BD, HC. */
    static final int MIN_HEADER_SIZE = OPTIONAL_FIELDS_OFFSET + HEADER_CHECKSUM_LENGTH;

    static final int FLG_VERSION_SHIFT = 6;
    static final int FLG_VERSION_MASK = 0x03;
    static final int FLG_SUPPORTED_VERSION = 1;
    static final int FLG_BLOCK_INDEPENDENCE = 0x20;
    static final int FLG_BLOCK_CHECKSUM = 0x10;
    static final int FLG_CONTENT_SIZE = 0x08;
    static final int FLG_CONTENT_CHECKSUM = 0x04;
    static final int FLG_RESERVED = 0x02;
    static final int FLG_DICT_ID = 0x01;

    static final int BD_BLOCK_SIZE_SHIFT = 4;
    static final int BD_BLOCK_SIZE_MASK = 0x07;
    static final int BD_RESERVED_MASK = 0x8F;
    static final int BD_MIN_BLOCK_SIZE_ID = 4;
    /** Block size id 4 (64 KiB), what Kafka writes. */
    static final int BD_BLOCK_SIZE_ID_64KB = 4;
    /** Max block size for id n is 1 &lt;&lt; (BLOCK_SIZE_BASE_LOG + 2n). */
    static final int BLOCK_SIZE_BASE_LOG = 8;
    static final int BLOCK_SIZE_LOG_STEP = 2;

    static final int HEADER_CHECKSUM_SHIFT = 8;
    static final int HEADER_CHECKSUM_MASK = 0xFF;
    static final int XXHASH_SEED = 0;

    static final int BLOCK_SIZE_LENGTH = Integer.BYTES;
    static final int BLOCK_CHECKSUM_LENGTH = Integer.BYTES;
    static final int CONTENT_CHECKSUM_LENGTH = Integer.BYTES;
    static final int BLOCK_UNCOMPRESSED_FLAG = 0x80000000;
    static final int END_MARK = 0;

    /** Max block size in bytes for a BD block size id. */
    static int maxBlockSize(int blockSizeId) {
        return 1 << (BLOCK_SIZE_BASE_LOG + BLOCK_SIZE_LOG_STEP * blockSizeId);
    }
}
