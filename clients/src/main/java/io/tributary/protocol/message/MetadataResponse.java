package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the MetadataResponse response body of API key 3: versions 0-13, flexible from v9.
 */
public final class MetadataResponse {
    static final StructSchema METADATA_RESPONSE_BROKER = struct("MetadataResponseBroker",
        field("nodeId", INT32, "0+"),
        field("host", STRING, "0+"),
        field("port", INT32, "0+"),
        field("rack", STRING, "1+").nullable("1+").defaults("null"));

    static final StructSchema METADATA_RESPONSE_PARTITION = struct("MetadataResponsePartition",
        field("errorCode", INT16, "0+"),
        field("partitionIndex", INT32, "0+"),
        field("leaderId", INT32, "0+"),
        field("leaderEpoch", INT32, "7+").defaults("-1"),
        field("replicaNodes", arrayOf(INT32), "0+"),
        field("isrNodes", arrayOf(INT32), "0+"),
        field("offlineReplicas", arrayOf(INT32), "5+"));

    static final StructSchema METADATA_RESPONSE_TOPIC = struct("MetadataResponseTopic",
        field("errorCode", INT16, "0+"),
        field("name", STRING, "0+").nullable("12+"),
        field("topicId", UUID, "10+"),
        field("isInternal", BOOL, "1+").defaults("false"),
        field("partitions", arrayOf(METADATA_RESPONSE_PARTITION), "0+"),
        field("topicAuthorizedOperations", INT32, "8+").defaults("-2147483648"));

    public static final MessageSchema SCHEMA = message("MetadataResponse", 3, "0-13", "9+",
        field("throttleTimeMs", INT32, "3+"),
        field("brokers", arrayOf(METADATA_RESPONSE_BROKER), "0+"),
        field("clusterId", STRING, "2+").nullable("2+").defaults("null"),
        field("controllerId", INT32, "1+").defaults("-1"),
        field("topics", arrayOf(METADATA_RESPONSE_TOPIC), "0+"),
        field("clusterAuthorizedOperations", INT32, "8-10").defaults("-2147483648"),
        field("errorCode", INT16, "13+"));

    private MetadataResponse() {
    }
}
