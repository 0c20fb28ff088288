package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the CreateTopicsRequest request body of API key 19: versions 2-7, flexible from v5.
 */
public final class CreateTopicsRequest {
    static final StructSchema CREATABLE_REPLICA_ASSIGNMENT = struct("CreatableReplicaAssignment",
        field("partitionIndex", INT32, "0+"),
        field("brokerIds", arrayOf(INT32), "0+"));

    static final StructSchema CREATABLE_TOPIC_CONFIG = struct("CreatableTopicConfig",
        field("name", STRING, "0+"),
        field("value", STRING, "0+").nullable("0+"));

    static final StructSchema CREATABLE_TOPIC = struct("CreatableTopic",
        field("name", STRING, "0+"),
        field("numPartitions", INT32, "0+"),
        field("replicationFactor", INT16, "0+"),
        field("assignments", arrayOf(CREATABLE_REPLICA_ASSIGNMENT), "0+"),
        field("configs", arrayOf(CREATABLE_TOPIC_CONFIG), "0+"));

    public static final MessageSchema SCHEMA = message("CreateTopicsRequest", 19, "2-7", "5+",
        field("topics", arrayOf(CREATABLE_TOPIC), "0+"),
        field("timeoutMs", INT32, "0+").defaults("60000"),
        field("validateOnly", BOOL, "1+").defaults("false"));

    private CreateTopicsRequest() {
    }
}
