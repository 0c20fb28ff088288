package io.tributary.clients.consumer;

import io.tributary.common.TopicPartition;
import io.tributary.record.Header;
import io.tributary.record.TimestampType;
import java.util.List;

/**
 * A record read from a partition.
 *
 * @param topic               topic
 * @param partition           partition
 * @param offset              its offset in the partition
 * @param timestamp           its timestamp (producer's or broker's, see {@code timestampType})
 * @param timestampType       CreateTime or LogAppendTime
 * @param key                 deserialized key, may be null
 * @param value               deserialized value, may be null
 * @param headers             headers in order
 * @param serializedKeySize   bytes of the key, -1 if null
 * @param serializedValueSize bytes of the value, -1 if null
 */
public record ConsumerRecord<K, V>(String topic, int partition, long offset, long timestamp,
                                   TimestampType timestampType, K key, V value, List<Header> headers,
                                   int serializedKeySize, int serializedValueSize) {
    /** Topic and partition. */
    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }
}
