package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the ApiVersionsRequest request body of API key 18: versions 0-5, flexible from v3.
 */
public final class ApiVersionsRequest {
    public static final MessageSchema SCHEMA = message("ApiVersionsRequest", 18, "0-5", "3+",
        field("clientSoftwareName", STRING, "3+"),
        field("clientSoftwareVersion", STRING, "3+"),
        field("clusterId", STRING, "5+").nullable("5+").defaults("null"),
        field("nodeId", INT32, "5+").defaults("-1"));

    private ApiVersionsRequest() {
    }
}
