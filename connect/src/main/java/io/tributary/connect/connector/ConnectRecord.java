package io.tributary.connect.connector;

import io.tributary.connect.data.Schema;

/**
 * What source and sink records share: the topic, an optional partition, key and value with their schemas, and a
 * timestamp. Immutable.
 */
public abstract class ConnectRecord {
    private final String topic;
    private final Integer kafkaPartition;
    private final Schema keySchema;
    private final Object key;
    private final Schema valueSchema;
    private final Object value;
    private final Long timestamp;

    protected ConnectRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                            Schema valueSchema, Object value, Long timestamp) {
        this.topic = topic;
        this.kafkaPartition = kafkaPartition;
        this.keySchema = keySchema;
        this.key = key;
        this.valueSchema = valueSchema;
        this.value = value;
        this.timestamp = timestamp;
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

    /**
     * A copy of this record with the given topic, partition, key, value and timestamp, keeping what is specific to
     * the record's kind (source partition and offset, Kafka offset); what single message transforms return.
     */
    public abstract ConnectRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                            Schema valueSchema, Object value, Long timestamp);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{topic=" + topic + ", partition=" + kafkaPartition + ", key=" + key
            + ", value=" + value + ", timestamp=" + timestamp + "}";
    }
}
