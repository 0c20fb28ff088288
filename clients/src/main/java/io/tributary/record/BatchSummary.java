package io.tributary.record;

/**
 * What {@link RecordBatch#validate()} learned about a valid batch.
 *
 * @param baseOffset          first offset of the batch
 * @param recordCount         number of records (equals lastOffsetDelta + 1)
 * @param maxTimestamp        largest record timestamp (CreateTime) or the batch maxTimestamp (LogAppendTime)
 * @param offsetOfMaxTimestamp offset of the first record carrying {@code maxTimestamp}
 * @param producerId          producer id, -1 when not idempotent
 * @param producerEpoch       producer epoch, -1 when not idempotent
 * @param firstSequence       base sequence, -1 when not idempotent
 * @param lastSequence        sequence of the last record (wrapping past Integer.MAX_VALUE), -1 when none
 * @param transactional       attribute bit 4
 * @param controlBatch        attribute bit 5
 * @param compressionType     codec of the records section
 * @param timestampType       timestamp type of the batch
 * @param sizeInBytes         bytes of the whole batch
 */
public record BatchSummary(long baseOffset, int recordCount, long maxTimestamp, long offsetOfMaxTimestamp,
                           long producerId, short producerEpoch, int firstSequence, int lastSequence,
                           boolean transactional, boolean controlBatch, CompressionType compressionType,
                           TimestampType timestampType, int sizeInBytes) {
}
