package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the OffsetForLeaderEpochRequest request body of API key 23: versions 2-4, flexible from v4.
 */
public final class OffsetForLeaderEpochRequest {
    static final StructSchema OFFSET_FOR_LEADER_PARTITION = struct("OffsetForLeaderPartition",
        field("partition", INT32, "0+"),
        field("currentLeaderEpoch", INT32, "2+").defaults("-1"),
        field("leaderEpoch", INT32, "0+"));

    static final StructSchema OFFSET_FOR_LEADER_TOPIC = struct("OffsetForLeaderTopic",
        field("topic", STRING, "0+"),
        field("partitions", arrayOf(OFFSET_FOR_LEADER_PARTITION), "0+"));

    public static final MessageSchema SCHEMA = message("OffsetForLeaderEpochRequest", 23, "2-4", "4+",
        field("replicaId", INT32, "3+").defaults("-2"),
        field("topics", arrayOf(OFFSET_FOR_LEADER_TOPIC), "0+"));

    private OffsetForLeaderEpochRequest() {
    }
}
