package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the SyncGroupResponse response body of API key 14: versions 0-5, flexible from v4.
 */
public final class SyncGroupResponse {
    public static final MessageSchema SCHEMA = message("SyncGroupResponse", 14, "0-5", "4+",
        field("throttleTimeMs", INT32, "1+"),
        field("errorCode", INT16, "0+"),
        field("protocolType", STRING, "5+").nullable("5+").defaults("null"),
        field("protocolName", STRING, "5+").nullable("5+").defaults("null"),
        field("assignment", BYTES, "0+"));

    private SyncGroupResponse() {
    }
}
