package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the IncrementalAlterConfigsResponse response body of API key 44: versions 0-1, flexible from v1.
 */
public final class IncrementalAlterConfigsResponse {
    static final StructSchema ALTER_CONFIGS_RESOURCE_RESPONSE = struct("AlterConfigsResourceResponse",
        field("errorCode", INT16, "0+"),
        field("errorMessage", STRING, "0+").nullable("0+"),
        field("resourceType", INT8, "0+"),
        field("resourceName", STRING, "0+"));

    public static final MessageSchema SCHEMA = message("IncrementalAlterConfigsResponse", 44, "0-1", "1+",
        field("throttleTimeMs", INT32, "0+"),
        field("responses", arrayOf(ALTER_CONFIGS_RESOURCE_RESPONSE), "0+"));

    private IncrementalAlterConfigsResponse() {
    }
}
