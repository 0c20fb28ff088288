package io.tributary.clients.consumer;

/**
 * The first offset at or after a timestamp, with the timestamp of that record.
 *
 * @param offset    the offset
 * @param timestamp the record's timestamp
 */
public record OffsetAndTimestamp(long offset, long timestamp) {
}
