package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the SyncGroupRequest request body of API key 14: versions 0-5, flexible from v4.
 */
public final class SyncGroupRequest {
    static final StructSchema SYNC_GROUP_REQUEST_ASSIGNMENT = struct("SyncGroupRequestAssignment",
        field("memberId", STRING, "0+"),
        field("assignment", BYTES, "0+"));

    public static final MessageSchema SCHEMA = message("SyncGroupRequest", 14, "0-5", "4+",
        field("groupId", STRING, "0+"),
        field("generationId", INT32, "0+"),
        field("memberId", STRING, "0+"),
        field("groupInstanceId", STRING, "3+").nullable("3+").defaults("null"),
        field("protocolType", STRING, "5+").nullable("5+").defaults("null"),
        field("protocolName", STRING, "5+").nullable("5+").defaults("null"),
        field("assignments", arrayOf(SYNC_GROUP_REQUEST_ASSIGNMENT), "0+"));

    private SyncGroupRequest() {
    }
}
