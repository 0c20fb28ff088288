package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the ResponseHeader header: versions 0-1, flexible from v1.
 */
public final class ResponseHeaderSchema {
    public static final MessageSchema SCHEMA = message("ResponseHeader", -1, "0-1", "1+",
        field("correlationId", INT32, "0+"));

    private ResponseHeaderSchema() {
    }
}
