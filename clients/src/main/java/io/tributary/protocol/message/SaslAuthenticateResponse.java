package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the SaslAuthenticateResponse response body of API key 36: versions 0-2, flexible from v2.
 */
public final class SaslAuthenticateResponse {
    public static final MessageSchema SCHEMA = message("SaslAuthenticateResponse", 36, "0-2", "2+",
        field("errorCode", INT16, "0+"),
        field("errorMessage", STRING, "0+").nullable("0+"),
        field("authBytes", BYTES, "0+"),
        field("sessionLifetimeMs", INT64, "1+").defaults("0"));

    private SaslAuthenticateResponse() {
    }
}
