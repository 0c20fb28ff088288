package io.tributary.streams.processor.internals;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.serialization.Deserializer;
import io.tributary.record.TimestampType;
import io.tributary.streams.StreamsException;
import io.tributary.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;

/**
 * Turns the bytes of a consumed record into its key and value and starts it down the graph. A record that cannot
 * be deserialized goes to the task's deserialization exception handler, which skips it or fails the task.
 */
public final class SourceNode extends ProcessorNode {
    private final Deserializer<?> keyDeserializer;
    private final Deserializer<?> valueDeserializer;

    public SourceNode(Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer) {
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
    }

    @Override
    public void process(Object key, Object value) {
        String topic = context().topic();
        Object k;
        Object v;
        try {
            k = keyDeserializer.deserialize(topic, (byte[]) key);
            v = valueDeserializer.deserialize(topic, (byte[]) value);
        } catch (RuntimeException e) {
            if (skip((byte[]) key, (byte[]) value, e)) {
                return;
            }
            throw new StreamsException("cannot deserialize the record at " + topic + "-" + context().recordPartition()
                + "@" + context().offset() + ": " + e.getMessage(), e);
        }
        forward(k, v);
    }

    /** Asks the deserialization exception handler; true if it says to skip the record. */
    private boolean skip(byte[] key, byte[] value, RuntimeException error) {
        ProcessorContextImpl c = context();
        var record = new ConsumerRecord<>(c.topic(), c.recordPartition(), c.offset(), c.timestamp(),
            TimestampType.CREATE_TIME, key, value, c.headers(), key == null ? -1 : key.length,
            value == null ? -1 : value.length);
        DeserializationHandlerResponse response;
        try {
            response = c.deserializationHandler().handle(RecordContext.of(c), record, error);
        } catch (RuntimeException e) {
            throw new StreamsException("the deserialization exception handler failed: " + e.getMessage(), e);
        }
        return response == DeserializationHandlerResponse.CONTINUE;
    }
}
