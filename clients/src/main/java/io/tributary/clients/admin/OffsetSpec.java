package io.tributary.clients.admin;

/**
 * Which offset of a partition {@link Admin#listOffsets} looks up: the earliest, the latest (the high watermark),
 * the one of the record with the highest timestamp, or the first at or after a timestamp.
 *
 * @param timestamp the ListOffsets timestamp: -2 earliest, -1 latest, -3 max timestamp, or a time in ms (>= 0)
 */
public record OffsetSpec(long timestamp) {
    private static final long EARLIEST = -2L;
    private static final long LATEST = -1L;
    private static final long MAX_TIMESTAMP = -3L;

    public OffsetSpec {
        if (timestamp < MAX_TIMESTAMP) {
            throw new IllegalArgumentException("timestamp : " + timestamp + " (expected: >= 0, or -1, -2, -3)");
        }
    }

    /** The log start offset. */
    public static OffsetSpec earliest() {
        return new OffsetSpec(EARLIEST);
    }

    /** The high watermark: the offset the next record will get. */
    public static OffsetSpec latest() {
        return new OffsetSpec(LATEST);
    }

    /** The record with the highest timestamp (ListOffsets v7+). */
    public static OffsetSpec maxTimestamp() {
        return new OffsetSpec(MAX_TIMESTAMP);
    }

    /** The first record whose timestamp is at or after {@code timestampMs}. */
    public static OffsetSpec forTimestamp(long timestampMs) {
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestampMs : " + timestampMs + " (expected: >= 0)");
        }
        return new OffsetSpec(timestampMs);
    }
}
