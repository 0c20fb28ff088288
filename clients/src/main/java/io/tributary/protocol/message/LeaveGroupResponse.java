package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the LeaveGroupResponse response body of API key 13: versions 0-5, flexible from v4.
 */
public final class LeaveGroupResponse {
    static final StructSchema MEMBER_RESPONSE = struct("MemberResponse",
        field("memberId", STRING, "3+"),
        field("groupInstanceId", STRING, "3+").nullable("3+"),
        field("errorCode", INT16, "3+"));

    public static final MessageSchema SCHEMA = message("LeaveGroupResponse", 13, "0-5", "4+",
        field("throttleTimeMs", INT32, "1+"),
        field("errorCode", INT16, "0+"),
        field("members", arrayOf(MEMBER_RESPONSE), "3+"));

    private LeaveGroupResponse() {
    }
}
