package io.tributary.clients.serialization;

import io.tributary.common.Errors;
import io.tributary.common.TributaryException;

/** A key or value could not be serialized or deserialized; the message names the topic and the reason. */
public class SerializationException extends TributaryException {
    public SerializationException(String message) {
        super(Errors.UNKNOWN_SERVER_ERROR, message);
    }

    public SerializationException(String message, Throwable cause) {
        super(Errors.UNKNOWN_SERVER_ERROR, message, cause);
    }
}
