package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the DescribeClusterRequest request body of API key 60: versions 0-2, flexible from v0.
 */
public final class DescribeClusterRequest {
    public static final MessageSchema SCHEMA = message("DescribeClusterRequest", 60, "0-2", "0+",
        field("includeClusterAuthorizedOperations", BOOL, "0+"),
        field("endpointType", INT8, "1+").defaults("1"),
        field("includeFencedBrokers", BOOL, "2+"));

    private DescribeClusterRequest() {
    }
}
