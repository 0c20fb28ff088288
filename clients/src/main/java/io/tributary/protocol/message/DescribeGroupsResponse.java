package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the DescribeGroupsResponse response body of API key 15: versions 0-6, flexible from v5.
 */
public final class DescribeGroupsResponse {
    static final StructSchema DESCRIBED_GROUP_MEMBER = struct("DescribedGroupMember",
        field("memberId", STRING, "0+"),
        field("groupInstanceId", STRING, "4+").nullable("4+").defaults("null"),
        field("clientId", STRING, "0+"),
        field("clientHost", STRING, "0+"),
        field("memberMetadata", BYTES, "0+"),
        field("memberAssignment", BYTES, "0+"));

    static final StructSchema DESCRIBED_GROUP = struct("DescribedGroup",
        field("errorCode", INT16, "0+"),
        field("errorMessage", STRING, "6+").nullable("6+").defaults("null"),
        field("groupId", STRING, "0+"),
        field("groupState", STRING, "0+"),
        field("protocolType", STRING, "0+"),
        field("protocolData", STRING, "0+"),
        field("members", arrayOf(DESCRIBED_GROUP_MEMBER), "0+"),
        field("authorizedOperations", INT32, "3+").defaults("-2147483648"));

    public static final MessageSchema SCHEMA = message("DescribeGroupsResponse", 15, "0-6", "5+",
        field("throttleTimeMs", INT32, "1+"),
        field("groups", arrayOf(DESCRIBED_GROUP), "0+"));

    private DescribeGroupsResponse() {
    }
}
