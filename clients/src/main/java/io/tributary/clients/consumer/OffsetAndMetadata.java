package io.tributary.clients.consumer;

/**
 * A committed position: the offset of the next record the group will read, the leader epoch of the record before
 * it, and the metadata string the committer attached.
 *
 * @param offset      next offset to consume (>= 0)
 * @param leaderEpoch the leader epoch, or -1 when unknown
 * @param metadata    free text stored with the commit (never null; "" when none)
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
