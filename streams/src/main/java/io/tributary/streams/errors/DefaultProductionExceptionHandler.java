package io.tributary.streams.errors;

import io.tributary.clients.producer.ProducerRecord;

/** Fails on every production error (the default). */
public class DefaultProductionExceptionHandler implements ProductionExceptionHandler {
    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        return ProductionExceptionHandlerResponse.FAIL;
    }
}
