package io.tributary.record;

import java.nio.ByteBuffer;

/**
 * Validation a broker applies to a batch received in a Produce request. It checks structure and integrity
 * only; policy checks (control batches from clients, timestamp bounds, producer state) belong to the caller.
 */
public final class BatchValidator {
    private BatchValidator() {
    }

    /**
     * Checks magic and CRC, walks every record (without decoding it into objects) and checks that recordCount, lastOffsetDelta and the offset
     * deltas (0, 1, ..., n-1 in order) agree, and that an idempotent data batch carries a sequence number.
     *
     * @return the summary of a valid batch
     * @throws CorruptRecordException for bad magic, bad CRC, undecodable or undecompressable records
     * @throws InvalidRecordException for a structurally intact batch with inconsistent contents
     */
    public static BatchSummary validate(RecordBatch batch) {
        return validate(batch, CompressionType.DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /** As {@link #validate(RecordBatch)} with an explicit bound on the decompressed records section. */
    public static BatchSummary validate(RecordBatch batch, int maxDecompressedBytes) {
        if (batch.compressionType() == CompressionType.NONE) {
            return validateUncompressed(batch);
        }
        batch.ensureValid();
        checkHeader(batch);
        return summary(batch, RecordCodec.scan(batch.decompressedRecords(maxDecompressedBytes), batch.recordCount()));
    }

    private static void checkHeader(RecordBatch batch) {
        int count = batch.recordCount();
        if (count <= 0) {
            throw new InvalidRecordException("batch declares " + count + " records");
        }
        if (batch.lastOffsetDelta() != count - 1) {
            throw new InvalidRecordException("lastOffsetDelta " + batch.lastOffsetDelta() + " does not match "
                    + count + " records");
        }
        if (batch.hasProducerId() && !batch.isControlBatch() && batch.baseSequence() < 0) {
            throw new InvalidRecordException("invalid base sequence " + batch.baseSequence() + " for producer "
                    + batch.producerId());
        }
    }

    private static BatchSummary summary(RecordBatch batch, RecordCodec.ScanResult scan) {
        long baseOffset = batch.baseOffset();
        long maxTimestamp = batch.baseTimestamp() + scan.maxTimestampDelta();
        long offsetOfMax = baseOffset + scan.indexOfMax();
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            maxTimestamp = batch.maxTimestamp();
            offsetOfMax = baseOffset;
        }
        return new BatchSummary(baseOffset, batch.recordCount(), maxTimestamp, offsetOfMax, batch.producerId(),
                batch.producerEpoch(), batch.baseSequence(), batch.lastSequence(), batch.isTransactional(),
                batch.isControlBatch(), batch.compressionType(), batch.timestampType(), batch.sizeInBytes());
    }

    /**
     * The uncompressed case in one pass: the CRC is computed in chunks just behind the record walk, so the batch
     * is read from memory once instead of twice. A bad CRC takes precedence over a structural error, as in the
     * two-pass order.
     */
    private static BatchSummary validateUncompressed(RecordBatch batch) {
        if (batch.magic() != RecordBatchDescriptor.MAGIC_V2) {
            throw new CorruptRecordException("unsupported record batch magic " + batch.magic());
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        ByteBuffer whole = batch.buffer();
        crc.update(whole.duplicate().limit(RecordBatchDescriptor.RECORDS_OFFSET)
            .position(RecordBatchDescriptor.ATTRIBUTES_OFFSET));
        RecordCodec.ScanResult scan;
        try {
            checkHeader(batch);
            scan = RecordCodec.scan(whole.duplicate().position(RecordBatchDescriptor.RECORDS_OFFSET),
                batch.recordCount(), crc);
        } catch (RecordException e) {
            batch.ensureValid();
            throw e;
        }
        if (crc.getValue() != batch.checksum()) {
            throw new CorruptRecordException("record batch CRC mismatch: stored " + batch.checksum() + ", computed "
                + crc.getValue());
        }
        return summary(batch, scan);
    }
}
