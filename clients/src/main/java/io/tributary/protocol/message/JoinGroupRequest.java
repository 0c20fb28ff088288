package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the JoinGroupRequest request body of API key 11: versions 0-9, flexible from v6.
 */
public final class JoinGroupRequest {
    static final StructSchema JOIN_GROUP_REQUEST_PROTOCOL = struct("JoinGroupRequestProtocol",
        field("name", STRING, "0+"),
        field("metadata", BYTES, "0+"));

    public static final MessageSchema SCHEMA = message("JoinGroupRequest", 11, "0-9", "6+",
        field("groupId", STRING, "0+"),
        field("sessionTimeoutMs", INT32, "0+"),
        field("rebalanceTimeoutMs", INT32, "1+").defaults("-1"),
        field("memberId", STRING, "0+"),
        field("groupInstanceId", STRING, "5+").nullable("5+").defaults("null"),
        field("protocolType", STRING, "0+"),
        field("protocols", arrayOf(JOIN_GROUP_REQUEST_PROTOCOL), "0+"),
        field("reason", STRING, "8+").nullable("8+").defaults("null"));

    private JoinGroupRequest() {
    }
}
