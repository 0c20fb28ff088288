package io.tributary.streams.errors;

import io.tributary.clients.consumer.ConsumerRecord;
import java.util.Map;

/**
 * Decides what happens to an input record whose key or value cannot be deserialized (Kafka Streams' interface):
 * skip it or stop the stream thread. Configured by {@code default.deserialization.exception.handler} (a class with
 * a public no-argument constructor); {@link LogAndFailExceptionHandler} by default. Called on the stream thread.
 */
public interface DeserializationExceptionHandler {
    /** The handler's verdict. */
    enum DeserializationHandlerResponse {
        /** Skip the record and go on with the next. */
        CONTINUE,
        /** Stop the stream thread (its uncaught exception handler decides what follows). */
        FAIL
    }

    /** Called once after construction with every streams setting. */
    default void configure(Map<String, ?> configs) {
    }

    /**
     * The verdict on {@code record}, whose deserialization threw {@code exception}.
     *
     * @param record the record as consumed (raw bytes)
     */
    DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                          Exception exception);
}
