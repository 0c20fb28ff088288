package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the SaslHandshakeRequest request body of API key 17: versions 0-1, never flexible.
 */
public final class SaslHandshakeRequest {
    public static final MessageSchema SCHEMA = message("SaslHandshakeRequest", 17, "0-1", "none",
        field("mechanism", STRING, "0+"));

    private SaslHandshakeRequest() {
    }
}
