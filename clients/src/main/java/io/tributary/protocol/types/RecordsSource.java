package io.tributary.protocol.types;

import java.nio.ByteBuffer;

/**
 * Record data for a records field that is not in memory, such as a range of a log segment file: the writer
 * reserves its place and length, and a network layer can send it without copying (see
 * {@link ProtocolWriter#parts()}). Implementations are immutable.
 */
public interface RecordsSource {
    /** Bytes of record data. */
    int sizeInBytes();

    /** Copies the data into {@code dst} at its position, advancing it (for writers that need one buffer). */
    void copyTo(ByteBuffer dst);

    /** The file holding the data when it is a file range (so it can be sent with sendfile), else null. */
    default java.nio.file.Path file() {
        return null;
    }

    /** Where the data starts in {@link #file()}. */
    default long filePosition() {
        return -1;
    }
}
