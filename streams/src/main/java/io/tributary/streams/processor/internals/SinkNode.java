package io.tributary.streams.processor.internals;

import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.serialization.Serializer;
import io.tributary.streams.StreamsException;
import io.tributary.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import io.tributary.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import java.util.function.BiFunction;

/**
 * Serializes records and hands them to the collector for an output topic: a fixed one, or the one a topic
 * chooser picks for each record.
 */
public final class SinkNode<K, V> extends ProcessorNode {
    private BiFunction<K, V, String> topicChooser;
    private String repartitionTopic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;

    public SinkNode(String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this((k, v) -> topic, keySerializer, valueSerializer);
    }

    /** A sink sending each record to the topic {@code topicChooser} returns for it. */
    public SinkNode(BiFunction<K, V, String> topicChooser, Serializer<K> keySerializer,
                    Serializer<V> valueSerializer) {
        this.topicChooser = topicChooser;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
    }

    /**
     * A sink to the repartition topic {@code topic} (as named in the topology): the real topic, with the application
     * id in front, is known once the node is initialised.
     */
    public static <K, V> SinkNode<K, V> internal(String topic, Serializer<K> keySerializer,
                                                 Serializer<V> valueSerializer) {
        SinkNode<K, V> node = new SinkNode<>((k, v) -> null, keySerializer, valueSerializer);
        node.repartitionTopic = topic;
        return node;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        if (repartitionTopic != null) {
            String resolved = context.applicationId() + "-" + repartitionTopic;
            topicChooser = (k, v) -> resolved;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        String topic = topicChooser.apply((K) key, (V) value);
        if (topic == null || topic.isEmpty()) {
            throw new StreamsException("the topic chooser returned no topic for the record at " + context().topic()
                + "-" + context().partition() + "@" + context().offset());
        }
        byte[] k;
        byte[] v;
        SerializationExceptionOrigin origin = SerializationExceptionOrigin.KEY;
        try {
            k = keySerializer.serialize(topic, (K) key);
            origin = SerializationExceptionOrigin.VALUE;
            v = valueSerializer.serialize(topic, (V) value);
        } catch (RuntimeException e) {
            if (dropUnserializable(topic, key, value, e, origin)) {
                return;
            }
            throw new StreamsException("cannot serialize a record for topic " + topic
                + " (did the stream's types change without new serdes in Produced.with?): " + e.getMessage(), e);
        }
        context().collector().send(topic, null, context().timestamp(), context().headers(), k, v);
    }

    /** Asks the production exception handler about a record that cannot be serialized; true to drop it. */
    private boolean dropUnserializable(String topic, Object key, Object value, RuntimeException error,
                                       SerializationExceptionOrigin origin) {
        ProcessorContextImpl c = context();
        var record = new ProducerRecord<>(topic, null, c.timestamp(), key, value, c.headers());
        try {
            return c.productionHandler().handleSerializationException(RecordContext.of(c), record, error, origin)
                == ProductionExceptionHandlerResponse.CONTINUE;
        } catch (RuntimeException e) {
            throw new StreamsException("the production exception handler failed: " + e.getMessage(), e);
        }
    }
}
