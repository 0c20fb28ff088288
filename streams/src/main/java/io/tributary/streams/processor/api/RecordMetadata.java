package io.tributary.streams.processor.api;

/**
 * Where the record being processed came from.
 *
 * @param topic     its topic (with the application id in front for a repartition topic)
 * @param partition its partition
 * @param offset    its offset
 */
public record RecordMetadata(String topic, int partition, long offset) {
}
