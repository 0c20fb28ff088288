package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the DeleteGroupsResponse response body of API key 42: versions 0-3, flexible from v2.
 */
public final class DeleteGroupsResponse {
    static final StructSchema DELETABLE_GROUP_RESULT = struct("DeletableGroupResult",
        field("groupId", STRING, "0+"),
        field("errorCode", INT16, "0+"),
        field("errorMessage", STRING, "3+").nullable("3+").defaults("null"));

    public static final MessageSchema SCHEMA = message("DeleteGroupsResponse", 42, "0-3", "2+",
        field("throttleTimeMs", INT32, "0+"),
        field("results", arrayOf(DELETABLE_GROUP_RESULT), "0+"));

    private DeleteGroupsResponse() {
    }
}
