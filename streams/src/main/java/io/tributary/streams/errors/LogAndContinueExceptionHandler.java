package io.tributary.streams.errors;

import io.tributary.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the record that cannot be deserialized and skips it. */
public class LogAndContinueExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(LogAndContinueExceptionHandler.class);

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        log.warn("task {}: skipping the record at {}-{}@{}, which cannot be deserialized: {}", context.taskId(),
            record.topic(), record.partition(), record.offset(), exception.toString());
        return DeserializationHandlerResponse.CONTINUE;
    }
}
