package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the OffsetCommitResponse response body of API key 8: versions 2-10, flexible from v8.
 */
public final class OffsetCommitResponse {
    static final StructSchema OFFSET_COMMIT_RESPONSE_PARTITION = struct("OffsetCommitResponsePartition",
        field("partitionIndex", INT32, "0+"),
        field("errorCode", INT16, "0+"));

    static final StructSchema OFFSET_COMMIT_RESPONSE_TOPIC = struct("OffsetCommitResponseTopic",
        field("name", STRING, "0-9"),
        field("topicId", UUID, "10+"),
        field("partitions", arrayOf(OFFSET_COMMIT_RESPONSE_PARTITION), "0+"));

    public static final MessageSchema SCHEMA = message("OffsetCommitResponse", 8, "2-10", "8+",
        field("throttleTimeMs", INT32, "3+"),
        field("topics", arrayOf(OFFSET_COMMIT_RESPONSE_TOPIC), "0+"));

    private OffsetCommitResponse() {
    }
}
