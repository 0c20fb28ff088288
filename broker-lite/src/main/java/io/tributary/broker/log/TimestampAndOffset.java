package io.tributary.broker.log;

/**
 * An answer to "which offset for this time": the record's timestamp (or -1 for the special queries) and offset.
 */
public record TimestampAndOffset(long timestamp, long offset) {
    /** ListOffsets' special timestamps. */
    public static final long LATEST = -1L;
    public static final long EARLIEST = -2L;
    public static final long MAX_TIMESTAMP = -3L;
    public static final long EARLIEST_LOCAL = -4L;
}
