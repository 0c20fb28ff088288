package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the OffsetFetchRequest request body of API key 9: versions 1-10, flexible from v6.
 */
public final class OffsetFetchRequest {
    static final StructSchema OFFSET_FETCH_REQUEST_TOPIC = struct("OffsetFetchRequestTopic",
        field("name", STRING, "0-7"),
        field("partitionIndexes", arrayOf(INT32), "0-7"));

    static final StructSchema OFFSET_FETCH_REQUEST_TOPICS = struct("OffsetFetchRequestTopics",
        field("name", STRING, "8-9"),
        field("topicId", UUID, "10+"),
        field("partitionIndexes", arrayOf(INT32), "8+"));

    static final StructSchema OFFSET_FETCH_REQUEST_GROUP = struct("OffsetFetchRequestGroup",
        field("groupId", STRING, "8+"),
        field("memberId", STRING, "9+").nullable("9+").defaults("null"),
        field("memberEpoch", INT32, "9+").defaults("-1"),
        field("topics", arrayOf(OFFSET_FETCH_REQUEST_TOPICS), "8+").nullable("8+"));

    public static final MessageSchema SCHEMA = message("OffsetFetchRequest", 9, "1-10", "6+",
        field("groupId", STRING, "0-7"),
        field("topics", arrayOf(OFFSET_FETCH_REQUEST_TOPIC), "0-7").nullable("2-7"),
        field("groups", arrayOf(OFFSET_FETCH_REQUEST_GROUP), "8+"),
        field("requireStable", BOOL, "7+").defaults("false"));

    private OffsetFetchRequest() {
    }
}
