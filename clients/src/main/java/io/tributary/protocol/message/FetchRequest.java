package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the FetchRequest request body of API key 1: versions 4-18, flexible from v12.
 */
public final class FetchRequest {
    static final StructSchema REPLICA_STATE = struct("ReplicaState",
        field("replicaId", INT32, "15+").defaults("-1"),
        field("replicaEpoch", INT64, "15+").defaults("-1"));

    static final StructSchema FETCH_PARTITION = struct("FetchPartition",
        field("partition", INT32, "0+"),
        field("currentLeaderEpoch", INT32, "9+").defaults("-1"),
        field("fetchOffset", INT64, "0+"),
        field("lastFetchedEpoch", INT32, "12+").defaults("-1"),
        field("logStartOffset", INT64, "5+").defaults("-1"),
        field("partitionMaxBytes", INT32, "0+"),
        field("replicaDirectoryId", UUID, "17+").tagged(0, "17+"),
        field("highWatermark", INT64, "18+").tagged(1, "18+").defaults("9223372036854775807"));

    static final StructSchema FETCH_TOPIC = struct("FetchTopic",
        field("topic", STRING, "0-12"),
        field("topicId", UUID, "13+"),
        field("partitions", arrayOf(FETCH_PARTITION), "0+"));

    static final StructSchema FORGOTTEN_TOPIC = struct("ForgottenTopic",
        field("topic", STRING, "7-12"),
        field("topicId", UUID, "13+"),
        field("partitions", arrayOf(INT32), "7+"));

    public static final MessageSchema SCHEMA = message("FetchRequest", 1, "4-18", "12+",
        field("clusterId", STRING, "12+").nullable("12+").tagged(0, "12+").defaults("null"),
        field("replicaId", INT32, "0-14").defaults("-1"),
        field("replicaState", structOf(REPLICA_STATE), "15+").tagged(1, "15+"),
        field("maxWaitMs", INT32, "0+"),
        field("minBytes", INT32, "0+"),
        field("maxBytes", INT32, "3+").defaults("0x7fffffff"),
        field("isolationLevel", INT8, "4+").defaults("0"),
        field("sessionId", INT32, "7+").defaults("0"),
        field("sessionEpoch", INT32, "7+").defaults("-1"),
        field("topics", arrayOf(FETCH_TOPIC), "0+"),
        field("forgottenTopicsData", arrayOf(FORGOTTEN_TOPIC), "7+"),
        field("rackId", STRING, "11+").defaults(""));

    private FetchRequest() {
    }
}
