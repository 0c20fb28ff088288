package io.tributary.clients.admin;

/**
 * The offset {@link Admin#listOffsets} found for a partition.
 *
 * @param offset      the offset, or -1 when no record matches (a timestamp after the last record)
 * @param timestamp   the record's timestamp, or -1 for earliest/latest
 * @param leaderEpoch the leader epoch of that record, or -1 when unknown
 */
public record ListOffsetsResultInfo(long offset, long timestamp, int leaderEpoch) {
}
