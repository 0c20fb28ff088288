package io.tributary.streams.processor.internals;

import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.common.TopicPartition;
import io.tributary.record.Header;
import io.tributary.streams.StreamsException;
import io.tributary.streams.errors.DefaultProductionExceptionHandler;
import io.tributary.streams.errors.ProductionExceptionHandler;
import io.tributary.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a thread's output and changelog records through its producer and remembers the first send that failed.
 * {@link #flush()} is the commit barrier: it returns only when every record sent so far is acknowledged, and
 * throws if any failed, so the thread never commits input offsets whose output may be lost (at-least-once).
 *
 * <p>A failed output record goes to the {@link ProductionExceptionHandler}, which may drop it; a failed changelog
 * record always fails the thread. The offset of the last acknowledged record of each changelog partition is kept
 * for the tasks' checkpoints.
 */
public final class ProducerRecordCollector implements RecordCollector {
    private static final Logger log = LoggerFactory.getLogger(ProducerRecordCollector.class);

    private final Producer<byte[], byte[]> producer;
    private final Set<String> changelogTopics;
    private final ProductionExceptionHandler handler;
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private final Map<TopicPartition, Long> changelogOffsets = new ConcurrentHashMap<>();
    private ProcessorContextImpl origin;

    public ProducerRecordCollector(Producer<byte[], byte[]> producer) {
        this(producer, Set.of(), new DefaultProductionExceptionHandler());
    }

    /**
     * @param changelogTopics the topics whose acknowledged offsets are tracked and whose failures are always fatal
     */
    public ProducerRecordCollector(Producer<byte[], byte[]> producer, Set<String> changelogTopics,
                                   ProductionExceptionHandler handler) {
        this.producer = producer;
        this.changelogTopics = Set.copyOf(changelogTopics);
        this.handler = handler;
    }

    @Override
    public void setOrigin(ProcessorContextImpl context) {
        this.origin = context;
    }

    @Override
    public void send(String topic, Integer partition, long timestamp, List<Header> headers, byte[] key,
                     byte[] value) {
        checkForError();
        var record = new ProducerRecord<>(topic, partition, timestamp < 0 ? null : timestamp, key, value, headers);
        boolean changelog = changelogTopics.contains(topic);
        // only a failed output record goes to the handler with its input record; a changelog failure is always fatal
        RecordContext context = changelog || origin == null ? null : RecordContext.of(origin);
        try {
            producer.send(record, (metadata, exception) -> completed(record, changelog, context, metadata, exception));
        } catch (RuntimeException e) {
            completed(record, changelog, context, null, e);
            checkForError();
        }
    }

    private void completed(ProducerRecord<byte[], byte[]> record, boolean changelog, RecordContext context,
                           RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            if (changelog && metadata != null && metadata.hasOffset()) {
                changelogOffsets.merge(metadata.topicPartition(), metadata.offset(), Math::max);
            }
            return;
        }
        if (!changelog && context != null) {
            ProductionExceptionHandlerResponse response;
            try {
                response = handler.handle(context, record, exception);
            } catch (RuntimeException e) {
                log.error("the production exception handler failed; treating it as FAIL", e);
                response = ProductionExceptionHandlerResponse.FAIL;
            }
            if (response == ProductionExceptionHandlerResponse.CONTINUE) {
                return;
            }
        }
        if (sendError.compareAndSet(null, exception)) {
            log.error("sending a record to {} failed; the stream thread will stop without committing", record.topic(),
                exception);
        }
    }

    @Override
    public void flush() {
        producer.flush();
        checkForError();
    }

    /** The offset of the last acknowledged record sent to changelog partition {@code tp}, or null. */
    @Override
    public Long changelogOffset(TopicPartition tp) {
        return changelogOffsets.get(tp);
    }

    private void checkForError() {
        Exception e = sendError.get();
        if (e != null) {
            throw new StreamsException("a record could not be sent: " + e.getMessage(), e);
        }
    }
}
