package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the LeaveGroupRequest request body of API key 13: versions 0-5, flexible from v4.
 */
public final class LeaveGroupRequest {
    static final StructSchema MEMBER_IDENTITY = struct("MemberIdentity",
        field("memberId", STRING, "3+"),
        field("groupInstanceId", STRING, "3+").nullable("3+").defaults("null"),
        field("reason", STRING, "5+").nullable("5+").defaults("null"));

    public static final MessageSchema SCHEMA = message("LeaveGroupRequest", 13, "0-5", "4+",
        field("groupId", STRING, "0+"),
        field("memberId", STRING, "0-2"),
        field("members", arrayOf(MEMBER_IDENTITY), "3+"));

    private LeaveGroupRequest() {
    }
}
