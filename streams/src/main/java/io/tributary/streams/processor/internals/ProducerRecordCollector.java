package io.tributary.streams.processor.internals;

import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.record.Header;
import io.tributary.streams.StreamsException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a thread's output and changelog records through its producer and remembers the first send that failed.
 * {@link #flush()} is the commit barrier: it returns only when every record sent so far is acknowledged, and
 * throws if any failed, so the thread never commits input offsets whose output may be lost (at-least-once).
 */
public final class ProducerRecordCollector implements RecordCollector {
    private static final Logger log = LoggerFactory.getLogger(ProducerRecordCollector.class);

    private final Producer<byte[], byte[]> producer;
    private final AtomicReference<Exception> sendError = new AtomicReference<>();

    public ProducerRecordCollector(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public void send(String topic, Integer partition, long timestamp, List<Header> headers, byte[] key,
                     byte[] value) {
        checkForError();
        var record = new ProducerRecord<>(topic, partition, timestamp < 0 ? null : timestamp, key, value, headers);
        producer.send(record, (metadata, exception) -> {
            if (exception != null && sendError.compareAndSet(null, exception)) {
                log.error("sending a record to {} failed; the stream thread will stop without committing", topic,
                    exception);
            }
        });
    }

    @Override
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
