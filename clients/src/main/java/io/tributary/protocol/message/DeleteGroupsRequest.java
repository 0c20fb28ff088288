package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the DeleteGroupsRequest request body of API key 42: versions 0-3, flexible from v2.
 */
public final class DeleteGroupsRequest {
    public static final MessageSchema SCHEMA = message("DeleteGroupsRequest", 42, "0-3", "2+",
        field("groupsNames", arrayOf(STRING), "0+"));

    private DeleteGroupsRequest() {
    }
}
