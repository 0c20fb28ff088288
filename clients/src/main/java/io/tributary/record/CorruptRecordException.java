package io.tributary.record;

import io.tributary.common.Errors;

/**
 * The bytes are not a well-formed batch: bad CRC, unsupported magic, a length that lies, undecodable records or a
 * failed decompression. Maps to Kafka error {@code CORRUPT_MESSAGE}.
 */
public class CorruptRecordException extends RecordException {
    /** Kafka error code {@code CORRUPT_MESSAGE}. */
    public static final short ERROR_CODE = 2;

    public CorruptRecordException(String message) {
        super(Errors.CORRUPT_MESSAGE, message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(Errors.CORRUPT_MESSAGE, message, cause);
    }
}
