package io.tributary.record;

import static io.tributary.record.RecordBatchDescriptor.*;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * A read-only view of one record batch v2 in a {@link ByteBuffer} (no copy). Creating the view checks only that
 * the header and the declared length fit and that magic is 2; call {@link #ensureValid()} (or
 * {@link #validate()}) before trusting the contents. Not thread-safe if the underlying bytes are mutated.
 */
public final class RecordBatch implements Iterable<Record> {
    private final ByteBuffer buffer;

    private RecordBatch(ByteBuffer batch) {
        this.buffer = batch;
    }

    /**
     * Wraps the batch that starts at {@code buffer.position()}; the buffer's position is not moved.
     *
     * @throws CorruptRecordException if the header or the declared batch is not fully present, or magic is not 2
     */
    public static RecordBatch wrap(ByteBuffer buffer) {
        ByteBuffer view = buffer.slice();
        if (view.remaining() < HEADER_SIZE) {
            throw new CorruptRecordException("batch needs at least " + HEADER_SIZE + " bytes, got " + view.remaining());
        }
        int length = view.getInt(LENGTH_OFFSET);
        if (length < MIN_BATCH_LENGTH || length > view.remaining() - LOG_OVERHEAD) {
            throw new CorruptRecordException("batch length " + length + " is invalid for " + view.remaining()
                    + " available bytes");
        }
        return wrapChecked(view, length + LOG_OVERHEAD);
    }

    /** Wraps {@code size} bytes at {@code view}'s position, whose length field was already checked. */
    static RecordBatch wrapChecked(ByteBuffer view, int size) {
        ByteBuffer batch = view.slice();
        batch.limit(size);
        byte magic = batch.get(MAGIC_OFFSET);
        if (magic != MAGIC_V2) {
            throw new CorruptRecordException("unsupported record batch magic " + magic);
        }
        return new RecordBatch(batch.slice());
    }

    /** Offset of the first record (rewritten by the broker, outside the CRC). */
    public long baseOffset() {
        return buffer.getLong(BASE_OFFSET_OFFSET);
    }

    /** Size of the whole batch in bytes (batchLength + 12). */
    public int sizeInBytes() {
        return buffer.limit();
    }

    /** Leader epoch stamped by the broker, outside the CRC; -1 if unset. */
    public int partitionLeaderEpoch() {
        return buffer.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    /** Format version; always 2 for a wrapped batch unless mutated. */
    public byte magic() {
        return buffer.get(MAGIC_OFFSET);
    }

    /** The stored CRC-32C as an unsigned value. */
    public long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(CRC_OFFSET));
    }

    /** Computes the CRC-32C of the bytes the checksum covers. */
    public long computeChecksum() {
        return crc(buffer);
    }

    /** Raw batch attributes (see {@link RecordBatchDescriptor}). */
    public short attributes() {
        return buffer.getShort(ATTRIBUTES_OFFSET);
    }

    /** @throws CorruptRecordException for a codec id outside 0..4 */
    public CompressionType compressionType() {
        int id = attributes() & COMPRESSION_CODEC_MASK;
        if (id > CompressionType.ZSTD.id) {
            throw new CorruptRecordException("unknown compression codec id " + id);
        }
        return CompressionType.forId(id);
    }

    /** CreateTime or LogAppendTime (attribute bit 3). */
    public TimestampType timestampType() {
        return TimestampType.fromAttributes(attributes());
    }

    /** Attribute bit 4. */
    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    /** Attribute bit 5: the batch holds control records (e.g. transaction markers). */
    public boolean isControlBatch() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    /** Attribute bit 6: baseTimestamp holds the delete horizon. */
    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG_MASK) != 0;
    }

    /** The delete horizon (stored in baseTimestamp) when attribute bit 6 is set. */
    public OptionalLong deleteHorizonMs() {
        return hasDeleteHorizon() ? OptionalLong.of(baseTimestamp()) : OptionalLong.empty();
    }

    /** Offset of the last record relative to baseOffset. */
    public int lastOffsetDelta() {
        return buffer.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    /** baseOffset + lastOffsetDelta. */
    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** The offset following this batch. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    /** Timestamp the record timestamp deltas are relative to. */
    public long baseTimestamp() {
        return buffer.getLong(BASE_TIMESTAMP_OFFSET);
    }

    /** Largest timestamp (CreateTime) or the broker append time (LogAppendTime). */
    public long maxTimestamp() {
        return buffer.getLong(MAX_TIMESTAMP_OFFSET);
    }

    /** Producer id, -1 for a non-idempotent producer. */
    public long producerId() {
        return buffer.getLong(PRODUCER_ID_OFFSET);
    }

    /** True unless producerId is -1. */
    public boolean hasProducerId() {
        return producerId() != NO_PRODUCER_ID;
    }

    /** Producer epoch, -1 for a non-idempotent producer. */
    public short producerEpoch() {
        return buffer.getShort(PRODUCER_EPOCH_OFFSET);
    }

    /** Sequence number of the first record, -1 for a non-idempotent producer. */
    public int baseSequence() {
        return buffer.getInt(BASE_SEQUENCE_OFFSET);
    }

    /** Sequence of the last record; sequences wrap from Integer.MAX_VALUE to 0. -1 if there is none. */
    public int lastSequence() {
        int base = baseSequence();
        if (base == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        long last = (long) base + lastOffsetDelta();
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    /** The recordCount header field (not verified against the records). */
    public int recordCount() {
        return buffer.getInt(RECORD_COUNT_OFFSET);
    }

    /** A read-only view of the batch bytes. */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer();
    }

    /** True if magic is 2 and the CRC matches. */
    public boolean isValid() {
        return magic() == MAGIC_V2 && checksum() == computeChecksum();
    }

    /** @throws CorruptRecordException if magic is not 2 or the CRC does not match */
    public void ensureValid() {
        if (magic() != MAGIC_V2) {
            throw new CorruptRecordException("unsupported record batch magic " + magic());
        }
        long stored = checksum();
        long computed = computeChecksum();
        if (stored != computed) {
            throw new CorruptRecordException("record batch CRC mismatch: stored " + stored + ", computed "
                    + computed);
        }
    }

    /** Decodes all records with the default decompression bound. */
    public List<Record> records() {
        return records(CompressionType.DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /**
     * Decodes all records, decompressing at most {@code maxDecompressedBytes}. Records of a LogAppendTime batch
     * take the batch maxTimestamp. Does not check the CRC.
     *
     * @throws CorruptRecordException   for malformed or undecompressable records
     * @throws InvalidRecordException   if the records present do not match recordCount
     */
    public List<Record> records(int maxDecompressedBytes) {
        ByteBuffer data = decompressedRecords(maxDecompressedBytes);
        Long logAppendTime = timestampType() == TimestampType.LOG_APPEND_TIME ? maxTimestamp() : null;
        return RecordCodec.decodeAll(data, recordCount(), baseOffset(), baseTimestamp(), logAppendTime);
    }

    /** The records section, decompressed (a view without copying when the batch is not compressed). */
    public ByteBuffer decompressedRecords(int maxDecompressedBytes) {
        ByteBuffer section = buffer.duplicate();
        section.position(RECORDS_OFFSET);
        return compressionType().decompress(section.slice(), maxDecompressedBytes);
    }

    /** Iterates the decoded records (see {@link #records()}). */
    @Override
    public Iterator<Record> iterator() {
        return records().iterator();
    }

    /**
     * Full validation of a produced batch, as a broker does on Produce; see {@link BatchValidator#validate}.
     *
     * @throws CorruptRecordException for bad magic, CRC or undecodable records
     * @throws InvalidRecordException for inconsistent counts, offset deltas or sequences
     */
    public BatchSummary validate() {
        return BatchValidator.validate(this);
    }

    /** Rewrites baseOffset of the batch at {@code position}, in place; the CRC stays valid. */
    public static void setBaseOffset(ByteBuffer buffer, int position, long baseOffset) {
        headerAt(buffer, position).putLong(BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Rewrites partitionLeaderEpoch of the batch at {@code position}, in place; the CRC stays valid. */
    public static void setPartitionLeaderEpoch(ByteBuffer buffer, int position, int epoch) {
        headerAt(buffer, position).putInt(PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /**
     * Marks the batch at {@code position} as LogAppendTime with the given maxTimestamp and recomputes its CRC.
     * The batch should have been validated first: an invalid CRC becomes valid.
     *
     * @throws CorruptRecordException if the batch is not fully inside the buffer
     */
    public static void setLogAppendTime(ByteBuffer buffer, int position, long logAppendTime) {
        ByteBuffer view = buffer.duplicate();
        view.position(position);
        ByteBuffer batch = wrap(view).buffer.duplicate();
        ByteBuffer writable = buffer.duplicate();
        writable.position(position);
        writable = writable.slice();
        writable.limit(batch.limit());
        short attributes = writable.getShort(ATTRIBUTES_OFFSET);
        writable.putShort(ATTRIBUTES_OFFSET, (short) (attributes | TIMESTAMP_TYPE_MASK));
        writable.putLong(MAX_TIMESTAMP_OFFSET, logAppendTime);
        writeChecksum(writable);
    }

    /** Stores the CRC of a batch that starts at index 0 and ends at the limit of {@code batch}. */
    public static void writeChecksum(ByteBuffer batch) {
        batch.putInt(CRC_OFFSET, (int) crc(batch));
    }

    private static long crc(ByteBuffer batch) {
        ByteBuffer covered = batch.duplicate();
        covered.position(ATTRIBUTES_OFFSET);
        CRC32C crc = new CRC32C();
        crc.update(covered);
        return crc.getValue();
    }

    private static ByteBuffer headerAt(ByteBuffer buffer, int position) {
        if (position < 0 || position > buffer.limit() - HEADER_SIZE) {
            throw new CorruptRecordException("no batch header at position " + position);
        }
        ByteBuffer view = buffer.duplicate();
        view.position(position);
        return view.slice();
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", size="
                + sizeInBytes() + ", attributes=" + attributes() + ", recordCount=" + recordCount() + ")";
    }
}
