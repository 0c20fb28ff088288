package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the ListGroupsRequest request body of API key 16: versions 0-5, flexible from v3.
 */
public final class ListGroupsRequest {
    public static final MessageSchema SCHEMA = message("ListGroupsRequest", 16, "0-5", "3+",
        field("statesFilter", arrayOf(STRING), "4+"),
        field("typesFilter", arrayOf(STRING), "5+"));

    private ListGroupsRequest() {
    }
}
