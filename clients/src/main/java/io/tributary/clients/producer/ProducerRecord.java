package io.tributary.clients.producer;

import io.tributary.record.Header;
import java.util.List;
import java.util.Objects;

/**
 * A record to send: topic, optional partition, optional timestamp (default: the send time), key, value and headers.
 *
 * @param topic     the topic, not null
 * @param partition the partition, or null to let the partitioner choose
 * @param timestamp the record's timestamp in ms, or null for the time of the send
 * @param key       the key, or null
 * @param value     the value, or null (a tombstone on a compacted topic)
 * @param headers   headers, in order (may be empty, not null)
 */
public record ProducerRecord<K, V>(String topic, Integer partition, Long timestamp, K key, V value,
                                   List<Header> headers) {
    public ProducerRecord {
        Objects.requireNonNull(topic, "topic");
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition : " + partition + " (expected: >= 0)");
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp : " + timestamp + " (expected: >= 0)");
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public ProducerRecord(String topic, K key, V value) {
        this(topic, null, null, key, value, List.of());
    }

    public ProducerRecord(String topic, V value) {
        this(topic, null, null, null, value, List.of());
    }

    public ProducerRecord(String topic, Integer partition, K key, V value) {
        this(topic, partition, null, key, value, List.of());
    }

    /** This record with {@code header} added at the end. */
    public ProducerRecord<K, V> withHeader(String headerKey, byte[] headerValue) {
        List<Header> hs = new java.util.ArrayList<>(headers);
        hs.add(new Header(headerKey, headerValue));
        return new ProducerRecord<>(topic, partition, timestamp, key, value, hs);
    }
}
