package io.tributary.clients.producer;

import io.tributary.clients.PartitionInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends records to topics. Thread-safe: share one producer between threads.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Producer<K, V> extends AutoCloseable {
    /**
     * Queues a record for sending and returns at once (unless it must wait for metadata or buffer memory, at most
     * {@code max.block.ms}). The future completes when the broker acknowledged the record, or fails with the
     * reason; a serializer error fails only this send.
     */
    CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record);

    /** As {@link #send(ProducerRecord)}, also calling {@code callback} (on the producer's I/O thread: keep it short). */
    CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    /** Sends everything queued now and waits until each of those records is acknowledged or failed. */
    void flush();

    /** The partitions of {@code topic}, waiting for metadata up to {@code max.block.ms}. */
    List<PartitionInfo> partitionsFor(String topic);

    /** Sends what is queued and waits for it, then releases every resource. */
    @Override
    void close();

    /** As {@link #close()}, giving up after {@code timeout}: what is not done by then fails. */
    void close(Duration timeout);
}
