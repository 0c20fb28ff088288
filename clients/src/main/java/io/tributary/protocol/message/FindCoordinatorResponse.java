package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the FindCoordinatorResponse response body of API key 10: versions 0-6, flexible from v3.
 */
public final class FindCoordinatorResponse {
    static final StructSchema COORDINATOR = struct("Coordinator",
        field("key", STRING, "4+"),
        field("nodeId", INT32, "4+"),
        field("host", STRING, "4+"),
        field("port", INT32, "4+"),
        field("errorCode", INT16, "4+"),
        field("errorMessage", STRING, "4+").nullable("4+"));

    public static final MessageSchema SCHEMA = message("FindCoordinatorResponse", 10, "0-6", "3+",
        field("throttleTimeMs", INT32, "1+"),
        field("errorCode", INT16, "0-3"),
        field("errorMessage", STRING, "1-3").nullable("1-3"),
        field("nodeId", INT32, "0-3"),
        field("host", STRING, "0-3"),
        field("port", INT32, "0-3"),
        field("coordinators", arrayOf(COORDINATOR), "4+"));

    private FindCoordinatorResponse() {
    }
}
