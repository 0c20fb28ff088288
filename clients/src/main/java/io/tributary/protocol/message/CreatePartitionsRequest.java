package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the CreatePartitionsRequest request body of API key 37: versions 0-3, flexible from v2.
 */
public final class CreatePartitionsRequest {
    static final StructSchema CREATE_PARTITIONS_ASSIGNMENT = struct("CreatePartitionsAssignment",
        field("brokerIds", arrayOf(INT32), "0+"));

    static final StructSchema CREATE_PARTITIONS_TOPIC = struct("CreatePartitionsTopic",
        field("name", STRING, "0+"),
        field("count", INT32, "0+"),
        field("assignments", arrayOf(CREATE_PARTITIONS_ASSIGNMENT), "0+").nullable("0+"));

    public static final MessageSchema SCHEMA = message("CreatePartitionsRequest", 37, "0-3", "2+",
        field("topics", arrayOf(CREATE_PARTITIONS_TOPIC), "0+"),
        field("timeoutMs", INT32, "0+"),
        field("validateOnly", BOOL, "0+"));

    private CreatePartitionsRequest() {
    }
}
