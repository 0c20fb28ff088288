package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the DeleteTopicsResponse response body of API key 20: versions 1-6, flexible from v4.
 */
public final class DeleteTopicsResponse {
    static final StructSchema DELETABLE_TOPIC_RESULT = struct("DeletableTopicResult",
        field("name", STRING, "0+").nullable("6+"),
        field("topicId", UUID, "6+"),
        field("errorCode", INT16, "0+"),
        field("errorMessage", STRING, "5+").nullable("5+").defaults("null"));

    public static final MessageSchema SCHEMA = message("DeleteTopicsResponse", 20, "1-6", "4+",
        field("throttleTimeMs", INT32, "1+"),
        field("responses", arrayOf(DELETABLE_TOPIC_RESULT), "0+"));

    private DeleteTopicsResponse() {
    }
}
