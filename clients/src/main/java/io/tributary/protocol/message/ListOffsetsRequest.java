package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the ListOffsetsRequest request body of API key 2: versions 1-11, flexible from v6.
 */
public final class ListOffsetsRequest {
    static final StructSchema LIST_OFFSETS_PARTITION = struct("ListOffsetsPartition",
        field("partitionIndex", INT32, "0+"),
        field("currentLeaderEpoch", INT32, "4+").defaults("-1"),
        field("timestamp", INT64, "0+"));

    static final StructSchema LIST_OFFSETS_TOPIC = struct("ListOffsetsTopic",
        field("name", STRING, "0+"),
        field("partitions", arrayOf(LIST_OFFSETS_PARTITION), "0+"));

    public static final MessageSchema SCHEMA = message("ListOffsetsRequest", 2, "1-11", "6+",
        field("replicaId", INT32, "0+"),
        field("isolationLevel", INT8, "2+"),
        field("topics", arrayOf(LIST_OFFSETS_TOPIC), "0+"),
        field("timeoutMs", INT32, "10+"));

    private ListOffsetsRequest() {
    }
}
