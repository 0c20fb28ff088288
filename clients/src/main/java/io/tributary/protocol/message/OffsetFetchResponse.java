package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the OffsetFetchResponse response body of API key 9: versions 1-10, flexible from v6.
 */
public final class OffsetFetchResponse {
    static final StructSchema OFFSET_FETCH_RESPONSE_PARTITION = struct("OffsetFetchResponsePartition",
        field("partitionIndex", INT32, "0-7"),
        field("committedOffset", INT64, "0-7"),
        field("committedLeaderEpoch", INT32, "5-7").defaults("-1"),
        field("metadata", STRING, "0-7").nullable("0-7"),
        field("errorCode", INT16, "0-7"));

    static final StructSchema OFFSET_FETCH_RESPONSE_TOPIC = struct("OffsetFetchResponseTopic",
        field("name", STRING, "0-7"),
        field("partitions", arrayOf(OFFSET_FETCH_RESPONSE_PARTITION), "0-7"));

    static final StructSchema OFFSET_FETCH_RESPONSE_PARTITIONS = struct("OffsetFetchResponsePartitions",
        field("partitionIndex", INT32, "8+"),
        field("committedOffset", INT64, "8+"),
        field("committedLeaderEpoch", INT32, "8+").defaults("-1"),
        field("metadata", STRING, "8+").nullable("8+"),
        field("errorCode", INT16, "8+"));

    static final StructSchema OFFSET_FETCH_RESPONSE_TOPICS = struct("OffsetFetchResponseTopics",
        field("name", STRING, "8-9"),
        field("topicId", UUID, "10+"),
        field("partitions", arrayOf(OFFSET_FETCH_RESPONSE_PARTITIONS), "8+"));

    static final StructSchema OFFSET_FETCH_RESPONSE_GROUP = struct("OffsetFetchResponseGroup",
        field("groupId", STRING, "8+"),
        field("topics", arrayOf(OFFSET_FETCH_RESPONSE_TOPICS), "8+"),
        field("errorCode", INT16, "8+").defaults("0"));

    public static final MessageSchema SCHEMA = message("OffsetFetchResponse", 9, "1-10", "6+",
        field("throttleTimeMs", INT32, "3+"),
        field("topics", arrayOf(OFFSET_FETCH_RESPONSE_TOPIC), "0-7"),
        field("errorCode", INT16, "2-7").defaults("0"),
        field("groups", arrayOf(OFFSET_FETCH_RESPONSE_GROUP), "8+"));

    private OffsetFetchResponse() {
    }
}
