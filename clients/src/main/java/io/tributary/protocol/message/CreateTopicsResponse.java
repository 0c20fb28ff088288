package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the CreateTopicsResponse response body of API key 19: versions 2-7, flexible from v5.
 */
public final class CreateTopicsResponse {
    static final StructSchema CREATABLE_TOPIC_CONFIGS = struct("CreatableTopicConfigs",
        field("name", STRING, "5+"),
        field("value", STRING, "5+").nullable("5+"),
        field("readOnly", BOOL, "5+"),
        field("configSource", INT8, "5+").defaults("-1"),
        field("isSensitive", BOOL, "5+"));

    static final StructSchema CREATABLE_TOPIC_RESULT = struct("CreatableTopicResult",
        field("name", STRING, "0+"),
        field("topicId", UUID, "7+"),
        field("errorCode", INT16, "0+"),
        field("errorMessage", STRING, "1+").nullable("0+"),
        field("topicConfigErrorCode", INT16, "5+").tagged(0, "5+"),
        field("numPartitions", INT32, "5+").defaults("-1"),
        field("replicationFactor", INT16, "5+").defaults("-1"),
        field("configs", arrayOf(CREATABLE_TOPIC_CONFIGS), "5+").nullable("5+"));

    public static final MessageSchema SCHEMA = message("CreateTopicsResponse", 19, "2-7", "5+",
        field("throttleTimeMs", INT32, "2+"),
        field("topics", arrayOf(CREATABLE_TOPIC_RESULT), "0+"));

    private CreateTopicsResponse() {
    }
}
