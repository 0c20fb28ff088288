package io.tributary.streams.errors;

import io.tributary.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs and drops output records that cannot be serialized or sent (never changelog records). */
public class LogAndContinueProductionExceptionHandler implements ProductionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(LogAndContinueProductionExceptionHandler.class);

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        log.warn("task {}: dropping a record for {} that could not be sent: {}", context.taskId(), record.topic(),
            exception.toString());
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                           ProducerRecord<?, ?> record,
                                                                           Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        log.warn("task {}: dropping a record for {} whose {} could not be serialized: {}", context.taskId(),
            record.topic(), origin, exception.toString());
        return ProductionExceptionHandlerResponse.CONTINUE;
    }
}
