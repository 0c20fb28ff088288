package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the OffsetForLeaderEpochResponse response body of API key 23: versions 2-4, flexible from v4.
 */
public final class OffsetForLeaderEpochResponse {
    static final StructSchema EPOCH_END_OFFSET = struct("EpochEndOffset",
        field("errorCode", INT16, "0+"),
        field("partition", INT32, "0+"),
        field("leaderEpoch", INT32, "1+").defaults("-1"),
        field("endOffset", INT64, "0+").defaults("-1"));

    static final StructSchema OFFSET_FOR_LEADER_TOPIC_RESULT = struct("OffsetForLeaderTopicResult",
        field("topic", STRING, "0+"),
        field("partitions", arrayOf(EPOCH_END_OFFSET), "0+"));

    public static final MessageSchema SCHEMA = message("OffsetForLeaderEpochResponse", 23, "2-4", "4+",
        field("throttleTimeMs", INT32, "2+"),
        field("topics", arrayOf(OFFSET_FOR_LEADER_TOPIC_RESULT), "0+"));

    private OffsetForLeaderEpochResponse() {
    }
}
