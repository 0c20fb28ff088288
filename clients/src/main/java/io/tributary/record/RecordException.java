package io.tributary.record;

import io.tributary.common.Errors;
import io.tributary.common.TributaryException;

/** Base class of the typed errors raised while reading or validating record batches. */
public abstract class RecordException extends TributaryException {
    protected RecordException(Errors error, String message) {
        super(error, message);
    }

    protected RecordException(Errors error, String message, Throwable cause) {
        super(error, message, cause);
    }

    /** The Kafka protocol error code a broker should answer with. */
    public short errorCode() {
        return error().code();
    }
}
