package io.tributary.broker.log;

/**
 * What one append did.
 *
 * @param firstOffset          offset given to the first record
 * @param lastOffset           offset given to the last record
 * @param maxTimestamp         the largest timestamp appended (the append time for LogAppendTime topics)
 * @param offsetOfMaxTimestamp the last offset of the batch holding {@code maxTimestamp}
 * @param logAppendTime        the broker time stamped into the batches, or -1 for CreateTime topics
 * @param logStartOffset       the log start offset after the append
 * @param recordCount          records appended
 * @param bytes                bytes appended
 */
public record LogAppendInfo(long firstOffset, long lastOffset, long maxTimestamp, long offsetOfMaxTimestamp,
                            long logAppendTime, long logStartOffset, int recordCount, int bytes) {
}
