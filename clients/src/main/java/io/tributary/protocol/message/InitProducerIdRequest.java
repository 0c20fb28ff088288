package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;

/**
 * Wire description of the InitProducerIdRequest request body of API key 22: versions 0-6, flexible from v2.
 */
public final class InitProducerIdRequest {
    public static final MessageSchema SCHEMA = message("InitProducerIdRequest", 22, "0-6", "2+",
        field("transactionalId", STRING, "0+").nullable("0+"),
        field("transactionTimeoutMs", INT32, "0+"),
        field("producerId", INT64, "3+").defaults("-1"),
        field("producerEpoch", INT16, "3+").defaults("-1"),
        field("enable2Pc", BOOL, "6+").defaults("false"),
        field("keepPreparedTxn", BOOL, "6+").defaults("false"));

    private InitProducerIdRequest() {
    }
}
