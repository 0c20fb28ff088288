package io.tributary.streams.processor.internals;

import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.streams.StreamsException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a thread's output and changelog records through its producer and remembers the first send that failed.
 * {@link #flush()} is the commit barrier: it returns only when every record sent so far is acknowledged, and
 * throws if any failed, so the thread never commits input offsets whose output may be lost (at-least-once).
 */
public final class RecordCollector {
    private static final Logger log = LoggerFactory.getLogger(RecordCollector.class);

    private final Producer<byte[], byte[]> producer;
    private final AtomicReference<Exception> sendError = new AtomicReference<>();

    public RecordCollector(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** Sends a record; {@code partition} null lets the producer's partitioner choose by key. */
    public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value) {
        checkForError();
        var record = new ProducerRecord<>(topic, partition, timestamp < 0 ? null : timestamp, key, value, null);
        producer.send(record, (metadata, exception) -> {
            if (exception != null && sendError.compareAndSet(null, exception)) {
                log.error("sending a record to {} failed; the stream thread will stop without committing", topic,
                    exception);
            }
        });
    }

    /** Waits until every record sent so far is acknowledged; throws if any send failed. */
    public void flush() {
        producer.flush();
        checkForError();
    }

    private void checkForError() {
        Exception e = sendError.get();
        if (e != null) {
            throw new StreamsException("a record could not be sent: " + e.getMessage(), e);
        }
    }
}
