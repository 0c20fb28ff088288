package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the CreatePartitionsResponse response body of API key 37: versions 0-3, flexible from v2.
 */
public final class CreatePartitionsResponse {
    static final StructSchema CREATE_PARTITIONS_TOPIC_RESULT = struct("CreatePartitionsTopicResult",
        field("name", STRING, "0+"),
        field("errorCode", INT16, "0+"),
        field("errorMessage", STRING, "0+").nullable("0+").defaults("null"));

    public static final MessageSchema SCHEMA = message("CreatePartitionsResponse", 37, "0-3", "2+",
        field("throttleTimeMs", INT32, "0+"),
        field("results", arrayOf(CREATE_PARTITIONS_TOPIC_RESULT), "0+"));

    private CreatePartitionsResponse() {
    }
}
