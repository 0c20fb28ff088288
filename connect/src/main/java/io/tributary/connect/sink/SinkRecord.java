package io.tributary.connect.sink;

import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.Schema;
import io.tributary.connect.header.Header;
import java.util.List;

/** A record read from a topic, converted, handed to a {@link SinkTask}; knows its partition and offset. */
public class SinkRecord extends ConnectRecord {
    private final long kafkaOffset;

    public SinkRecord(String topic, int partition, Schema keySchema, Object key, Schema valueSchema, Object value,
                      long kafkaOffset, Long timestamp) {
        this(topic, partition, keySchema, key, valueSchema, value, kafkaOffset, timestamp, List.of());
    }

    /** A record with headers (null: none). */
    public SinkRecord(String topic, int partition, Schema keySchema, Object key, Schema valueSchema, Object value,
                      long kafkaOffset, Long timestamp, List<Header> headers) {
        super(topic, partition, keySchema, key, valueSchema, value, timestamp, headers);
        this.kafkaOffset = kafkaOffset;
    }

    /** A copy; a null partition keeps this record's partition. */
    @Override
    public SinkRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                Schema valueSchema, Object value, Long timestamp) {
        return newRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers());
    }

    /** A copy with other headers; a null partition keeps this record's partition. */
    @Override
    public SinkRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                Schema valueSchema, Object value, Long timestamp, List<Header> headers) {
        return new SinkRecord(topic, kafkaPartition == null ? kafkaPartition() : kafkaPartition, keySchema, key,
            valueSchema, value, kafkaOffset, timestamp, headers);
    }

    /** The record's offset in its partition. */
    public long kafkaOffset() {
        return kafkaOffset;
    }
}
