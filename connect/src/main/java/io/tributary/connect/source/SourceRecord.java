package io.tributary.connect.source;

import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.Schema;
import io.tributary.connect.header.Header;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record a {@link SourceTask} read from an external system, with where it came from: the source partition (which
 * file, which table) and the source offset (how far into it). The runtime stores the latest offset of each source
 * partition once the broker has acknowledged the record, and gives it back through {@link OffsetStorageReader}
 * after a restart. Partition and offset maps hold strings, numbers and booleans only, so they survive JSON.
 */
public class SourceRecord extends ConnectRecord {
    private final Map<String, ?> sourcePartition;
    private final Map<String, ?> sourceOffset;

    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                        Integer partition, Schema keySchema, Object key, Schema valueSchema, Object value,
                        Long timestamp) {
        this(sourcePartition, sourceOffset, topic, partition, keySchema, key, valueSchema, value, timestamp,
            List.of());
    }

    /** A record with headers (null: none); they are written with the record. */
    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                        Integer partition, Schema keySchema, Object key, Schema valueSchema, Object value,
                        Long timestamp, List<Header> headers) {
        super(Objects.requireNonNull(topic, "topic"), partition, keySchema, key, valueSchema, value, timestamp,
            headers);
        this.sourcePartition = sourcePartition;
        this.sourceOffset = sourceOffset;
    }

    /** A record with no key and no timestamp. */
    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                        Schema valueSchema, Object value) {
        this(sourcePartition, sourceOffset, topic, null, null, null, valueSchema, value, null);
    }

    @Override
    public SourceRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                  Schema valueSchema, Object value, Long timestamp) {
        return newRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers());
    }

    @Override
    public SourceRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                  Schema valueSchema, Object value, Long timestamp, List<Header> headers) {
        return new SourceRecord(sourcePartition, sourceOffset, topic, kafkaPartition, keySchema, key, valueSchema,
            value, timestamp, headers);
    }

    public Map<String, ?> sourcePartition() {
        return sourcePartition;
    }

    public Map<String, ?> sourceOffset() {
        return sourceOffset;
    }
}
