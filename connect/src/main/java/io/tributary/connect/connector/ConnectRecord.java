package io.tributary.connect.connector;

import io.tributary.connect.data.Schema;
import io.tributary.connect.header.Header;
import java.util.List;

/**
 * What source and sink records share: the topic, an optional partition, key and value with their schemas, a
 * timestamp and headers. Immutable.
 */
public abstract class ConnectRecord {
    private final String topic;
    private final Integer kafkaPartition;
    private final Schema keySchema;
    private final Object key;
    private final Schema valueSchema;
    private final Object value;
    private final Long timestamp;
    private final List<Header> headers;

    protected ConnectRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                            Schema valueSchema, Object value, Long timestamp) {
        this(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, List.of());
    }

    /** As the other constructor, with headers in order (null: none). */
    protected ConnectRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                            Schema valueSchema, Object value, Long timestamp, List<Header> headers) {
        this.topic = topic;
        this.kafkaPartition = kafkaPartition;
        this.keySchema = keySchema;
        this.key = key;
        this.valueSchema = valueSchema;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public String topic() {
        return topic;
    }

    /** The topic partition, or null to let the producer's partitioner choose. */
    public Integer kafkaPartition() {
        return kafkaPartition;
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Object key() {
        return key;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    public Object value() {
        return value;
    }

    /** Milliseconds since the epoch, or null. */
    public Long timestamp() {
        return timestamp;
    }

    /** The headers in order; empty when there are none. */
    public List<Header> headers() {
        return headers;
    }

    /** The last header with this key, or null. */
    public Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    /**
     * A copy of this record with the given topic, partition, key, value and timestamp, keeping what is specific to
     * the record's kind (source partition and offset, Kafka offset); what single message transforms return.
     */
    public abstract ConnectRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                            Schema valueSchema, Object value, Long timestamp);

    /** As {@link #newRecord(String, Integer, Schema, Object, Schema, Object, Long)}, replacing the headers too. */
    public abstract ConnectRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                            Schema valueSchema, Object value, Long timestamp, List<Header> headers);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{topic=" + topic + ", partition=" + kafkaPartition + ", key=" + key
            + ", value=" + value + ", timestamp=" + timestamp + "}";
    }
}
