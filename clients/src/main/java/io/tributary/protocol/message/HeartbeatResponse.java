package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the HeartbeatResponse response body of API key 12: versions 0-4, flexible from v4.
 */
public final class HeartbeatResponse {
    public static final MessageSchema SCHEMA = message("HeartbeatResponse", 12, "0-4", "4+",
        field("throttleTimeMs", INT32, "1+"),
        field("errorCode", INT16, "0+"));

    private HeartbeatResponse() {
    }
}
