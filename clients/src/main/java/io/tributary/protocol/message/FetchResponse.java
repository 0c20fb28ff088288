package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the FetchResponse response body of API key 1: versions 4-18, flexible from v12.
 */
public final class FetchResponse {
    static final StructSchema EPOCH_END_OFFSET = struct("EpochEndOffset",
        field("epoch", INT32, "12+").defaults("-1"),
        field("endOffset", INT64, "12+").defaults("-1"));

    static final StructSchema LEADER_ID_AND_EPOCH = struct("LeaderIdAndEpoch",
        field("leaderId", INT32, "12+").defaults("-1"),
        field("leaderEpoch", INT32, "12+").defaults("-1"));

    static final StructSchema SNAPSHOT_ID = struct("SnapshotId",
        field("endOffset", INT64, "0+").defaults("-1"),
        field("epoch", INT32, "0+").defaults("-1"));

    static final StructSchema ABORTED_TRANSACTION = struct("AbortedTransaction",
        field("producerId", INT64, "4+"),
        field("firstOffset", INT64, "4+"));

    static final StructSchema PARTITION_DATA = struct("PartitionData",
        field("partitionIndex", INT32, "0+"),
        field("errorCode", INT16, "0+"),
        field("highWatermark", INT64, "0+"),
        field("lastStableOffset", INT64, "4+").defaults("-1"),
        field("logStartOffset", INT64, "5+").defaults("-1"),
        field("divergingEpoch", structOf(EPOCH_END_OFFSET), "12+").tagged(0, "12+"),
        field("currentLeader", structOf(LEADER_ID_AND_EPOCH), "12+").tagged(1, "12+"),
        field("snapshotId", structOf(SNAPSHOT_ID), "12+").tagged(2, "12+"),
        field("abortedTransactions", arrayOf(ABORTED_TRANSACTION), "4+").nullable("4+"),
        field("preferredReadReplica", INT32, "11+").defaults("-1"),
        field("records", RECORDS, "0+").nullable("0+"));

    static final StructSchema FETCHABLE_TOPIC_RESPONSE = struct("FetchableTopicResponse",
        field("topic", STRING, "0-12"),
        field("topicId", UUID, "13+"),
        field("partitions", arrayOf(PARTITION_DATA), "0+"));

    static final StructSchema NODE_ENDPOINT = struct("NodeEndpoint",
        field("nodeId", INT32, "16+"),
        field("host", STRING, "16+"),
        field("port", INT32, "16+"),
        field("rack", STRING, "16+").nullable("16+").defaults("null"));

    public static final MessageSchema SCHEMA = message("FetchResponse", 1, "4-18", "12+",
        field("throttleTimeMs", INT32, "1+"),
        field("errorCode", INT16, "7+"),
        field("sessionId", INT32, "7+").defaults("0"),
        field("responses", arrayOf(FETCHABLE_TOPIC_RESPONSE), "0+"),
        field("nodeEndpoints", arrayOf(NODE_ENDPOINT), "16+").tagged(0, "16+"));

    private FetchResponse() {
    }
}
