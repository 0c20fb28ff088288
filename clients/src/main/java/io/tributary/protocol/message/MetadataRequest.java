package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the MetadataRequest request body of API key 3: versions 0-13, flexible from v9.
 */
public final class MetadataRequest {
    static final StructSchema METADATA_REQUEST_TOPIC = struct("MetadataRequestTopic",
        field("topicId", UUID, "10+"),
        field("name", STRING, "0+").nullable("10+"));

    public static final MessageSchema SCHEMA = message("MetadataRequest", 3, "0-13", "9+",
        field("topics", arrayOf(METADATA_REQUEST_TOPIC), "0+").nullable("1+"),
        field("allowAutoTopicCreation", BOOL, "4+").defaults("true"),
        field("includeClusterAuthorizedOperations", BOOL, "8-10"),
        field("includeTopicAuthorizedOperations", BOOL, "8+"));

    private MetadataRequest() {
    }
}
