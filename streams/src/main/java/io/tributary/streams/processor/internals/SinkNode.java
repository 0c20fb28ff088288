package io.tributary.streams.processor.internals;

import io.tributary.clients.serialization.Serializer;
import io.tributary.streams.StreamsException;

/** Serializes records and hands them to the collector for one output topic. */
public final class SinkNode<K, V> extends ProcessorNode {
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;

    public SinkNode(String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this.topic = topic;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        byte[] k;
        byte[] v;
        try {
            k = keySerializer.serialize(topic, (K) key);
            v = valueSerializer.serialize(topic, (V) value);
        } catch (RuntimeException e) {
            throw new StreamsException("cannot serialize a record for topic " + topic
                + " (did the stream's types change without new serdes in Produced.with?): " + e.getMessage(), e);
        }
        context().collector().send(topic, null, context().timestamp(), k, v);
    }
}
