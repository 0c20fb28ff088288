package io.tributary.streams.errors;

import io.tributary.clients.producer.ProducerRecord;
import java.util.Map;

/**
 * Decides what happens to an output record that cannot be serialized or sent (Kafka Streams' interface): drop it
 * or stop the stream thread. Configured by {@code default.production.exception.handler} (a class with a public
 * no-argument constructor); {@link DefaultProductionExceptionHandler} (fail) by default.
 *
 * <p>Records of a store's changelog are never dropped: a failed changelog send always stops the thread, since the
 * store and its changelog would disagree otherwise. {@link #handle} runs on the producer's network thread.
 */
public interface ProductionExceptionHandler {
    /** The handler's verdict. */
    enum ProductionExceptionHandlerResponse {
        /** Drop the record and go on; its input offset will be committed. */
        CONTINUE,
        /** Stop the stream thread without committing. */
        FAIL
    }

    /** Where a serialization error came from. */
    enum SerializationExceptionOrigin { KEY, VALUE }

    /** Called once after construction with every streams setting. */
    default void configure(Map<String, ?> configs) {
    }

    /** The verdict on {@code record}, whose send failed with {@code exception} (after the producer's retries). */
    ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                              Exception exception);

    /**
     * The verdict on a record whose key or value could not be serialized; {@code record} holds the objects.
     * Fails by default.
     */
    default ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                            ProducerRecord<?, ?> record,
                                                                            Exception exception,
                                                                            SerializationExceptionOrigin origin) {
        return ProductionExceptionHandlerResponse.FAIL;
    }
}
