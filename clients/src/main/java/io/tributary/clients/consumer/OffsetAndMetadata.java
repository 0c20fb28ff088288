package io.tributary.clients.consumer;

/**
 * A committed position: the offset of the next record to read, and free-form metadata.
 *
 * @param offset   next offset to consume
 * @param metadata optional text stored with the commit (never null; empty when none)
 */
public record OffsetAndMetadata(long offset, String metadata) {
    public OffsetAndMetadata {
        if (offset < 0) {
            throw new IllegalArgumentException("offset : " + offset + " (expected: >= 0)");
        }
        metadata = metadata == null ? "" : metadata;
    }

    public OffsetAndMetadata(long offset) {
        this(offset, "");
    }
}
