package io.tributary.broker.group;

/**
 * A committed position of a group in one partition.
 *
 * @param offset            the next offset the group will read
 * @param leaderEpoch       the leader epoch of the committed record, or -1
 * @param metadata          the client's metadata string (may be null)
 * @param commitTimestampMs when the coordinator accepted the commit
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs) {
}
