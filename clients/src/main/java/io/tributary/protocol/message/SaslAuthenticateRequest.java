package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the SaslAuthenticateRequest request body of API key 36: versions 0-2, flexible from v2.
 */
public final class SaslAuthenticateRequest {
    public static final MessageSchema SCHEMA = message("SaslAuthenticateRequest", 36, "0-2", "2+",
        field("authBytes", BYTES, "0+"));

    private SaslAuthenticateRequest() {
    }
}
