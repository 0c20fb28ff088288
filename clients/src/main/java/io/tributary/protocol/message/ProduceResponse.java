package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the ProduceResponse response body of API key 0: versions 3-13, flexible from v9.
 */
public final class ProduceResponse {
    static final StructSchema BATCH_INDEX_AND_ERROR_MESSAGE = struct("BatchIndexAndErrorMessage",
        field("batchIndex", INT32, "8+"),
        field("batchIndexErrorMessage", STRING, "8+").nullable("8+").defaults("null"));

    static final StructSchema LEADER_ID_AND_EPOCH = struct("LeaderIdAndEpoch",
        field("leaderId", INT32, "10+").defaults("-1"),
        field("leaderEpoch", INT32, "10+").defaults("-1"));

    static final StructSchema PARTITION_PRODUCE_RESPONSE = struct("PartitionProduceResponse",
        field("index", INT32, "0+"),
        field("errorCode", INT16, "0+"),
        field("baseOffset", INT64, "0+"),
        field("logAppendTimeMs", INT64, "2+").defaults("-1"),
        field("logStartOffset", INT64, "5+").defaults("-1"),
        field("recordErrors", arrayOf(BATCH_INDEX_AND_ERROR_MESSAGE), "8+"),
        field("errorMessage", STRING, "8+").nullable("8+").defaults("null"),
        field("currentLeader", structOf(LEADER_ID_AND_EPOCH), "10+").tagged(0, "10+"));

    static final StructSchema TOPIC_PRODUCE_RESPONSE = struct("TopicProduceResponse",
        field("name", STRING, "0-12"),
        field("topicId", UUID, "13+"),
        field("partitionResponses", arrayOf(PARTITION_PRODUCE_RESPONSE), "0+"));

    static final StructSchema NODE_ENDPOINT = struct("NodeEndpoint",
        field("nodeId", INT32, "10+"),
        field("host", STRING, "10+"),
        field("port", INT32, "10+"),
        field("rack", STRING, "10+").nullable("10+").defaults("null"));

    public static final MessageSchema SCHEMA = message("ProduceResponse", 0, "3-13", "9+",
        field("responses", arrayOf(TOPIC_PRODUCE_RESPONSE), "0+"),
        field("throttleTimeMs", INT32, "1+").defaults("0"),
        field("nodeEndpoints", arrayOf(NODE_ENDPOINT), "10+").tagged(0, "10+"));

    private ProduceResponse() {
    }
}
