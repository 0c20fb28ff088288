package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the OffsetCommitRequest request body of API key 8: versions 2-10, flexible from v8.
 */
public final class OffsetCommitRequest {
    static final StructSchema OFFSET_COMMIT_REQUEST_PARTITION = struct("OffsetCommitRequestPartition",
        field("partitionIndex", INT32, "0+"),
        field("committedOffset", INT64, "0+"),
        field("committedLeaderEpoch", INT32, "6+").defaults("-1"),
        field("committedMetadata", STRING, "0+").nullable("0+"));

    static final StructSchema OFFSET_COMMIT_REQUEST_TOPIC = struct("OffsetCommitRequestTopic",
        field("name", STRING, "0-9"),
        field("topicId", UUID, "10+"),
        field("partitions", arrayOf(OFFSET_COMMIT_REQUEST_PARTITION), "0+"));

    public static final MessageSchema SCHEMA = message("OffsetCommitRequest", 8, "2-10", "8+",
        field("groupId", STRING, "0+"),
        field("generationIdOrMemberEpoch", INT32, "1+").defaults("-1"),
        field("memberId", STRING, "1+"),
        field("groupInstanceId", STRING, "7+").nullable("7+").defaults("null"),
        field("retentionTimeMs", INT64, "2-4").defaults("-1"),
        field("topics", arrayOf(OFFSET_COMMIT_REQUEST_TOPIC), "0+"));

    private OffsetCommitRequest() {
    }
}
