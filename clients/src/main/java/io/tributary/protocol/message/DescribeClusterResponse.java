package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the DescribeClusterResponse response body of API key 60: versions 0-2, flexible from v0.
 */
public final class DescribeClusterResponse {
    static final StructSchema DESCRIBE_CLUSTER_BROKER = struct("DescribeClusterBroker",
        field("brokerId", INT32, "0+"),
        field("host", STRING, "0+"),
        field("port", INT32, "0+"),
        field("rack", STRING, "0+").nullable("0+").defaults("null"),
        field("isFenced", BOOL, "2+"));

    public static final MessageSchema SCHEMA = message("DescribeClusterResponse", 60, "0-2", "0+",
        field("throttleTimeMs", INT32, "0+"),
        field("errorCode", INT16, "0+"),
        field("errorMessage", STRING, "0+").nullable("0+").defaults("null"),
        field("endpointType", INT8, "1+").defaults("1"),
        field("clusterId", STRING, "0+"),
        field("controllerId", INT32, "0+").defaults("-1"),
        field("brokers", arrayOf(DESCRIBE_CLUSTER_BROKER), "0+"),
        field("clusterAuthorizedOperations", INT32, "0+").defaults("-2147483648"));

    private DescribeClusterResponse() {
    }
}
