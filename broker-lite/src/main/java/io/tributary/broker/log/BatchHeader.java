package io.tributary.broker.log;

/**
 * The header fields of one stored batch, as read by {@link PartitionLog#scanBatchHeaders}: enough to rebuild
 * idempotent-producer state without decoding records.
 *
 * @param baseOffset    first offset
 * @param lastOffset    last offset
 * @param maxTimestamp  largest timestamp in the batch
 * @param producerId    -1 when not idempotent
 * @param producerEpoch -1 when not idempotent
 * @param baseSequence  -1 when not idempotent
 * @param control       a transaction marker batch
 */
public record BatchHeader(long baseOffset, long lastOffset, long maxTimestamp, long producerId, short producerEpoch,
                          int baseSequence, boolean control) {
}
