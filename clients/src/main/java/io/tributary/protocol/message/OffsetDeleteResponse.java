package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the OffsetDeleteResponse response body of API key 47: versions 0, never flexible.
 */
public final class OffsetDeleteResponse {
    static final StructSchema OFFSET_DELETE_RESPONSE_PARTITION = struct("OffsetDeleteResponsePartition",
        field("partitionIndex", INT32, "0+"),
        field("errorCode", INT16, "0+"));

    static final StructSchema OFFSET_DELETE_RESPONSE_TOPIC = struct("OffsetDeleteResponseTopic",
        field("name", STRING, "0+"),
        field("partitions", arrayOf(OFFSET_DELETE_RESPONSE_PARTITION), "0+"));

    public static final MessageSchema SCHEMA = message("OffsetDeleteResponse", 47, "0", "none",
        field("errorCode", INT16, "0+"),
        field("throttleTimeMs", INT32, "0+"),
        field("topics", arrayOf(OFFSET_DELETE_RESPONSE_TOPIC), "0+"));

    private OffsetDeleteResponse() {
    }
}
