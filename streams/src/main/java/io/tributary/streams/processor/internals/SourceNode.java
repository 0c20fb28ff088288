package io.tributary.streams.processor.internals;

import io.tributary.clients.serialization.Deserializer;
import io.tributary.streams.StreamsException;

/** Turns the bytes of a consumed record into its key and value and starts it down the graph. */
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
            throw new StreamsException("cannot deserialize the record at " + topic + "-" + context().partition()
                + "@" + context().offset() + ": " + e.getMessage(), e);
        }
        forward(k, v);
    }
}
