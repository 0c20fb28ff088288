package io.tributary.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;

/**
 * The oracle: Apache Kafka's own generated message classes (kafka-clients, test scope), found by message name
 * ({@code ProduceRequest} is {@code ProduceRequestData} with {@code ProduceRequestDataJsonConverter}).
 */
final class KafkaMessages {
    private final Class<?> dataClass;
    private final Constructor<?> readConstructor;
    private final Method jsonWrite;
    private final Method jsonRead;

    KafkaMessages(String messageName) {
        try {
            dataClass = Class.forName("org.apache.kafka.common.message." + messageName + "Data");
            Class<?> converter = Class.forName("org.apache.kafka.common.message." + messageName + "DataJsonConverter");
            readConstructor = dataClass.getConstructor(Readable.class, short.class);
            jsonWrite = converter.getMethod("write", dataClass, short.class, boolean.class);
            jsonRead = converter.getMethod("read", JsonNode.class, short.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kafka-clients has no generated class for " + messageName, e);
        }
    }

    Message read(ByteBuffer bytes, short version, String where) {
        try {
            return (Message) readConstructor.newInstance(new ByteBufferAccessor(bytes.duplicate()), version);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new AssertionError("Kafka could not read our bytes of " + where + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static ByteBuffer write(Message message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = message.size(cache, version);
        ByteBuffer buf = ByteBuffer.allocate(size);
        message.write(new ByteBufferAccessor(buf), cache, version);
        buf.flip();
        return buf;
    }

    JsonNode toJson(Message message, short version) {
        try {
            return StructJson.normalise((JsonNode) jsonWrite.invoke(null, message, version, false));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    Message fromJson(JsonNode json, short version) {
        try {
            return (Message) jsonRead.invoke(null, json, version);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new AssertionError("Kafka could not read the JSON: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isApiMessage() {
        return ApiMessage.class.isAssignableFrom(dataClass);
    }
}
