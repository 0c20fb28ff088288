package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the ListOffsetsResponse response body of API key 2: versions 1-11, flexible from v6.
 */
public final class ListOffsetsResponse {
    static final StructSchema LIST_OFFSETS_PARTITION_RESPONSE = struct("ListOffsetsPartitionResponse",
        field("partitionIndex", INT32, "0+"),
        field("errorCode", INT16, "0+"),
        field("timestamp", INT64, "1+").defaults("-1"),
        field("offset", INT64, "1+").defaults("-1"),
        field("leaderEpoch", INT32, "4+").defaults("-1"));

    static final StructSchema LIST_OFFSETS_TOPIC_RESPONSE = struct("ListOffsetsTopicResponse",
        field("name", STRING, "0+"),
        field("partitions", arrayOf(LIST_OFFSETS_PARTITION_RESPONSE), "0+"));

    public static final MessageSchema SCHEMA = message("ListOffsetsResponse", 2, "1-11", "6+",
        field("throttleTimeMs", INT32, "2+"),
        field("topics", arrayOf(LIST_OFFSETS_TOPIC_RESPONSE), "0+"));

    private ListOffsetsResponse() {
    }
}
