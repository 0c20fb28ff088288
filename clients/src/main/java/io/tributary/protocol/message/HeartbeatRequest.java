package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the HeartbeatRequest request body of API key 12: versions 0-4, flexible from v4.
 */
public final class HeartbeatRequest {
    public static final MessageSchema SCHEMA = message("HeartbeatRequest", 12, "0-4", "4+",
        field("groupId", STRING, "0+"),
        field("generationId", INT32, "0+"),
        field("memberId", STRING, "0+"),
        field("groupInstanceId", STRING, "3+").nullable("3+").defaults("null"));

    private HeartbeatRequest() {
    }
}
