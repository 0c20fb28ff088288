package io.tributary.record;


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
        batch.ensureValid();
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
        RecordCodec.ScanResult scan = RecordCodec.scan(batch.decompressedRecords(maxDecompressedBytes), count);
        long baseOffset = batch.baseOffset();
        long maxTimestamp = batch.baseTimestamp() + scan.maxTimestampDelta();
        long offsetOfMax = baseOffset + scan.indexOfMax();
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            maxTimestamp = batch.maxTimestamp();
            offsetOfMax = baseOffset;
        }
        return new BatchSummary(baseOffset, count, maxTimestamp, offsetOfMax, batch.producerId(),
                batch.producerEpoch(), batch.baseSequence(), batch.lastSequence(), batch.isTransactional(),
                batch.isControlBatch(), batch.compressionType(), batch.timestampType(), batch.sizeInBytes());
    }
}
