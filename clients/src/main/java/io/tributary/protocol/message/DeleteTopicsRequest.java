package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the DeleteTopicsRequest request body of API key 20: versions 1-6, flexible from v4.
 */
public final class DeleteTopicsRequest {
    static final StructSchema DELETE_TOPIC_STATE = struct("DeleteTopicState",
        field("name", STRING, "6+").nullable("6+").defaults("null"),
        field("topicId", UUID, "6+"));

    public static final MessageSchema SCHEMA = message("DeleteTopicsRequest", 20, "1-6", "4+",
        field("topics", arrayOf(DELETE_TOPIC_STATE), "6+"),
        field("topicNames", arrayOf(STRING), "0-5"),
        field("timeoutMs", INT32, "0+"));

    private DeleteTopicsRequest() {
    }
}
