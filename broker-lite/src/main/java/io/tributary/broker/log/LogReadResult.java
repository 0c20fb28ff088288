package io.tributary.broker.log;

/**
 * What one read found: the batches (possibly none) and the log's bounds at the time of the read.
 *
 * @param records        the batches, starting with the one holding the requested offset
 * @param highWatermark  the offset after the last record consumers may read (the log end on one node)
 * @param logStartOffset the first offset still in the log
 */
public record LogReadResult(FileSlice records, long highWatermark, long logStartOffset) {
}
