package io.tributary.record;

/**
 * Byte layout of a record batch v2 (magic 2) and of the records inside it. All multi-byte header fields are
 * big-endian. Every offset used by the codec lives here, and only here.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     baseOffset (int64)                        |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          batchLength (int32, bytes after this field)          |  8
 *  +---------------------------------------------------------------+
 *  |                 partitionLeaderEpoch (int32)                  | 12
 *  +---------------+-----------------------------------------------+
 *  |  magic (=2)   |             crc (uint32, CRC-32C) ...         | 16
 *  +---------------+---------------+-------------------------------+
 *  |  ... crc      |  attributes (int16)           | lastOffset... | 21
 *  +---------------+-------------------------------+---------------+
 *  |  ... lastOffsetDelta (int32)  |  baseTimestamp (int64) ...    | 23
 *  |                    maxTimestamp (int64)                       | 35
 *  |                    producerId (int64)                         | 43
 *  |  producerEpoch (int16)        |  baseSequence (int32) ...     | 51 / 53
 *  |  recordCount (int32)                                          | 57
 *  +---------------------------------------------------------------+
 *  |  records ... (compressed as a whole if the codec is not none) | 61
 *  +---------------------------------------------------------------+
 *
 *  CRC-32C covers [attributes .. end of batch]; baseOffset, batchLength and
 *  partitionLeaderEpoch are outside it so a broker may rewrite them in place.
 *
 *  attributes (int16):  bits 0-2 codec | bit 3 timestamp type | bit 4 transactional
 *                       bit 5 control  | bit 6 delete horizon | bits 7-15 unused
 *
 *  record:  length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
 *           keyLength varint (-1 = null) | key | valueLength varint (-1 = null) | value
 *           headerCount varint | headers (keyLength varint, UTF-8 key, valueLength varint, value)
 *
 *  control record key:    version int16 (0) | type int16 (0 abort, 1 commit)
 *  control record value:  version int16 (0) | coordinatorEpoch int32   (transaction markers)
 * </pre>
 */
public final class RecordBatchDescriptor {
    private RecordBatchDescriptor() {
    }

    /** The only batch format this package reads and writes. */
    public static final byte MAGIC_V2 = 2;

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = BASE_OFFSET_OFFSET + Long.BYTES;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = LENGTH_OFFSET + Integer.BYTES;
    public static final int MAGIC_OFFSET = PARTITION_LEADER_EPOCH_OFFSET + Integer.BYTES;
    public static final int CRC_OFFSET = MAGIC_OFFSET + Byte.BYTES;
    public static final int ATTRIBUTES_OFFSET = CRC_OFFSET + Integer.BYTES;
    public static final int LAST_OFFSET_DELTA_OFFSET = ATTRIBUTES_OFFSET + Short.BYTES;
    public static final int BASE_TIMESTAMP_OFFSET = LAST_OFFSET_DELTA_OFFSET + Integer.BYTES;
    public static final int MAX_TIMESTAMP_OFFSET = BASE_TIMESTAMP_OFFSET + Long.BYTES;
    public static final int PRODUCER_ID_OFFSET = MAX_TIMESTAMP_OFFSET + Long.BYTES;
    public static final int PRODUCER_EPOCH_OFFSET = PRODUCER_ID_OFFSET + Long.BYTES;
    public static final int BASE_SEQUENCE_OFFSET = PRODUCER_EPOCH_OFFSET + Short.BYTES;
    public static final int RECORD_COUNT_OFFSET = BASE_SEQUENCE_OFFSET + Integer.BYTES;
    public static final int RECORDS_OFFSET = RECORD_COUNT_OFFSET + Integer.BYTES;

    /** Size of the fixed batch header (61 bytes). */
    public static final int HEADER_SIZE = RECORDS_OFFSET;
    /** baseOffset + batchLength: the bytes not counted by batchLength (12). */
    public static final int LOG_OVERHEAD = PARTITION_LEADER_EPOCH_OFFSET;
    /** Smallest legal batchLength value: a header with no records (49). */
    public static final int MIN_BATCH_LENGTH = HEADER_SIZE - LOG_OVERHEAD;
    /** Bytes needed to read the magic byte. */
    public static final int HEADER_SIZE_UP_TO_MAGIC = MAGIC_OFFSET + Byte.BYTES;

    public static final int COMPRESSION_CODEC_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    public static final int CONTROL_FLAG_MASK = 0x20;
    public static final int DELETE_HORIZON_FLAG_MASK = 0x40;

    /** Producer fields of a non-idempotent producer. */
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    /** Timestamp meaning "none" (e.g. maxTimestamp of an empty batch). */
    public static final long NO_TIMESTAMP = -1L;

    /** Length prefix value meaning a null key, value or header value. */
    public static final int NULL_LENGTH = -1;
    /** Smallest possible record body (the part counted by the record length varint). */
    public static final int MIN_RECORD_BODY_SIZE = 6;
    /** Smallest possible record including its length varint. */
    public static final int MIN_RECORD_SIZE = MIN_RECORD_BODY_SIZE + 1;
    /** Smallest encoded header: key length varint + value length varint. */
    public static final int MIN_HEADER_SIZE = 2;
    /** The record attributes byte is unused and written as zero. */
    public static final byte RECORD_ATTRIBUTES = 0;

    public static final int CONTROL_KEY_VERSION_OFFSET = 0;
    public static final int CONTROL_KEY_TYPE_OFFSET = CONTROL_KEY_VERSION_OFFSET + Short.BYTES;
    public static final int CONTROL_KEY_SIZE = CONTROL_KEY_TYPE_OFFSET + Short.BYTES;
    public static final short CONTROL_KEY_CURRENT_VERSION = 0;

    public static final int END_TXN_VALUE_VERSION_OFFSET = 0;
    public static final int END_TXN_COORDINATOR_EPOCH_OFFSET = END_TXN_VALUE_VERSION_OFFSET + Short.BYTES;
    public static final int END_TXN_VALUE_SIZE = END_TXN_COORDINATOR_EPOCH_OFFSET + Integer.BYTES;
    public static final short END_TXN_CURRENT_VERSION = 0;
}
