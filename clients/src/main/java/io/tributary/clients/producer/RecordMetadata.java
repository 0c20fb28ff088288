package io.tributary.clients.producer;

import io.tributary.common.TopicPartition;

/**
 * Where an acknowledged record was written.
 *
 * @param topicPartition      topic and partition
 * @param offset              the record's offset, or -1 when unknown (acks=0)
 * @param timestamp           the producer's timestamp, or the broker's for LogAppendTime topics
 * @param serializedKeySize   bytes of the serialized key, -1 for a null key
 * @param serializedValueSize bytes of the serialized value, -1 for a null value
 */
public record RecordMetadata(TopicPartition topicPartition, long offset, long timestamp, int serializedKeySize,
                             int serializedValueSize) {
    public String topic() {
        return topicPartition.topic();
    }

    public int partition() {
        return topicPartition.partition();
    }

    public boolean hasOffset() {
        return offset >= 0;
    }
}
