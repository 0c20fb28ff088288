package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the JoinGroupResponse response body of API key 11: versions 0-9, flexible from v6.
 */
public final class JoinGroupResponse {
    static final StructSchema JOIN_GROUP_RESPONSE_MEMBER = struct("JoinGroupResponseMember",
        field("memberId", STRING, "0+"),
        field("groupInstanceId", STRING, "5+").nullable("5+").defaults("null"),
        field("metadata", BYTES, "0+"));

    public static final MessageSchema SCHEMA = message("JoinGroupResponse", 11, "0-9", "6+",
        field("throttleTimeMs", INT32, "2+"),
        field("errorCode", INT16, "0+"),
        field("generationId", INT32, "0+").defaults("-1"),
        field("protocolType", STRING, "7+").nullable("7+").defaults("null"),
        field("protocolName", STRING, "0+").nullable("7+"),
        field("leader", STRING, "0+"),
        field("skipAssignment", BOOL, "9+").defaults("false"),
        field("memberId", STRING, "0+"),
        field("members", arrayOf(JOIN_GROUP_RESPONSE_MEMBER), "0+"));

    private JoinGroupResponse() {
    }
}
