package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the RequestHeader header: versions 1-2, flexible from v2.
 */
public final class RequestHeaderSchema {
    public static final MessageSchema SCHEMA = message("RequestHeader", -1, "1-2", "2+",
        field("requestApiKey", INT16, "0+"),
        field("requestApiVersion", INT16, "0+"),
        field("correlationId", INT32, "0+"),
        field("clientId", STRING, "1+").nullable("1+").neverCompact());

    private RequestHeaderSchema() {
    }
}
