package io.tributary.common;

/**
 * A committed offset: the next offset the group will read, the leader epoch of the record before it, and the
 * metadata string the committer attached.
 *
 * @param offset      the offset (>= 0)
 * @param leaderEpoch the leader epoch, or -1 when unknown
 * @param metadata    free text stored with the offset (not null; "" when none)
 */
public record OffsetAndMetadata(long offset, int leaderEpoch, String metadata) {
    public OffsetAndMetadata {
        if (offset < 0) {
            throw new IllegalArgumentException("offset : " + offset + " (expected: >= 0)");
        }
        metadata = metadata == null ? "" : metadata;
    }

    /** An offset without leader epoch or metadata. */
    public OffsetAndMetadata(long offset) {
        this(offset, -1, "");
    }

    /** An offset with metadata and no leader epoch. */
    public OffsetAndMetadata(long offset, String metadata) {
        this(offset, -1, metadata);
    }
}
