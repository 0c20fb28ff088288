package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the ListGroupsResponse response body of API key 16: versions 0-5, flexible from v3.
 */
public final class ListGroupsResponse {
    static final StructSchema LISTED_GROUP = struct("ListedGroup",
        field("groupId", STRING, "0+"),
        field("protocolType", STRING, "0+"),
        field("groupState", STRING, "4+"),
        field("groupType", STRING, "5+"));

    public static final MessageSchema SCHEMA = message("ListGroupsResponse", 16, "0-5", "3+",
        field("throttleTimeMs", INT32, "1+"),
        field("errorCode", INT16, "0+"),
        field("groups", arrayOf(LISTED_GROUP), "0+"));

    private ListGroupsResponse() {
    }
}
