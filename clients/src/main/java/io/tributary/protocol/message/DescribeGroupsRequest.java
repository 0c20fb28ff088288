package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the DescribeGroupsRequest request body of API key 15: versions 0-6, flexible from v5.
 */
public final class DescribeGroupsRequest {
    public static final MessageSchema SCHEMA = message("DescribeGroupsRequest", 15, "0-6", "5+",
        field("groups", arrayOf(STRING), "0+"),
        field("includeAuthorizedOperations", BOOL, "3+"));

    private DescribeGroupsRequest() {
    }
}
