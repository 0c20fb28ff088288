package io.tributary.streams.errors;

import io.tributary.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the record that cannot be deserialized and stops the stream thread (the default). */
public class LogAndFailExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(LogAndFailExceptionHandler.class);

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        log.error("task {}: cannot deserialize the record at {}-{}@{}; stopping", context.taskId(), record.topic(),
            record.partition(), record.offset(), exception);
        return DeserializationHandlerResponse.FAIL;
    }
}
