package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the IncrementalAlterConfigsRequest request body of API key 44: versions 0-1, flexible from v1.
 */
public final class IncrementalAlterConfigsRequest {
    static final StructSchema ALTERABLE_CONFIG = struct("AlterableConfig",
        field("name", STRING, "0+"),
        field("configOperation", INT8, "0+"),
        field("value", STRING, "0+").nullable("0+"));

    static final StructSchema ALTER_CONFIGS_RESOURCE = struct("AlterConfigsResource",
        field("resourceType", INT8, "0+"),
        field("resourceName", STRING, "0+"),
        field("configs", arrayOf(ALTERABLE_CONFIG), "0+"));

    public static final MessageSchema SCHEMA = message("IncrementalAlterConfigsRequest", 44, "0-1", "1+",
        field("resources", arrayOf(ALTER_CONFIGS_RESOURCE), "0+"),
        field("validateOnly", BOOL, "0+"));

    private IncrementalAlterConfigsRequest() {
    }
}
