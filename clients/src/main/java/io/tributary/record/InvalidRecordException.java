package io.tributary.record;

import io.tributary.common.Errors;

/**
 * The batch is intact (CRC matches) but its contents are inconsistent: record count versus records present,
 * offset deltas out of order, a wrong lastOffsetDelta. Maps to Kafka error {@code INVALID_RECORD}.
 */
public class InvalidRecordException extends RecordException {
    /** Kafka error code {@code INVALID_RECORD}. */
    public static final short ERROR_CODE = 87;

    public InvalidRecordException(String message) {
        super(Errors.INVALID_RECORD, message);
    }
}
