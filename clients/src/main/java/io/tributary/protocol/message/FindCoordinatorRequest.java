package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the FindCoordinatorRequest request body of API key 10: versions 0-6, flexible from v3.
 */
public final class FindCoordinatorRequest {
    public static final MessageSchema SCHEMA = message("FindCoordinatorRequest", 10, "0-6", "3+",
        field("key", STRING, "0-3"),
        field("keyType", INT8, "1+").defaults("0"),
        field("coordinatorKeys", arrayOf(STRING), "4+"));

    private FindCoordinatorRequest() {
    }
}
