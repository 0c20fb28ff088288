package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the SaslHandshakeResponse response body of API key 17: versions 0-1, never flexible.
 */
public final class SaslHandshakeResponse {
    public static final MessageSchema SCHEMA = message("SaslHandshakeResponse", 17, "0-1", "none",
        field("errorCode", INT16, "0+"),
        field("mechanisms", arrayOf(STRING), "0+"));

    private SaslHandshakeResponse() {
    }
}
