package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the OffsetDeleteRequest request body of API key 47: versions 0, never flexible.
 */
public final class OffsetDeleteRequest {
    static final StructSchema OFFSET_DELETE_REQUEST_PARTITION = struct("OffsetDeleteRequestPartition",
        field("partitionIndex", INT32, "0+"));

    static final StructSchema OFFSET_DELETE_REQUEST_TOPIC = struct("OffsetDeleteRequestTopic",
        field("name", STRING, "0+"),
        field("partitions", arrayOf(OFFSET_DELETE_REQUEST_PARTITION), "0+"));

    public static final MessageSchema SCHEMA = message("OffsetDeleteRequest", 47, "0", "none",
        field("groupId", STRING, "0+"),
        field("topics", arrayOf(OFFSET_DELETE_REQUEST_TOPIC), "0+"));

    private OffsetDeleteRequest() {
    }
}
