package io.tributary.protocol;

import io.tributary.common.Errors;
import io.tributary.common.TributaryException;

/**
 * A message could not be decoded: truncated, a length that lies, a null where none is allowed, bad UTF-8.
 * Maps to {@link Errors#INVALID_REQUEST}; a broker answers it by closing the connection, as Kafka does.
 */
public class MalformedMessageException extends TributaryException {
    public MalformedMessageException(String message) {
        super(Errors.INVALID_REQUEST, message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(Errors.INVALID_REQUEST, message, cause);
    }
}
