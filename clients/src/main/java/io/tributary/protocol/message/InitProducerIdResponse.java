package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the InitProducerIdResponse response body of API key 22: versions 0-6, flexible from v2.
 */
public final class InitProducerIdResponse {
    public static final MessageSchema SCHEMA = message("InitProducerIdResponse", 22, "0-6", "2+",
        field("throttleTimeMs", INT32, "0+"),
        field("errorCode", INT16, "0+"),
        field("producerId", INT64, "0+").defaults("-1"),
        field("producerEpoch", INT16, "0+"),
        field("ongoingTxnProducerId", INT64, "6+").defaults("-1"),
        field("ongoingTxnProducerEpoch", INT16, "6+").defaults("-1"));

    private InitProducerIdResponse() {
    }
}
