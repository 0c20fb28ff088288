package io.tributary.connect.runtime;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.connect.errors.ConnectException;
import io.tributary.record.Header;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a sink's failed records to its dead letter queue topic ({@code errors.deadletterqueue.topic.name}) as they
 * were read: the original key, value, timestamp and headers, plus (with
 * {@code errors.deadletterqueue.context.headers.enable=true}) Kafka Connect's {@code __connect.errors.*} headers,
 * every value UTF-8 text. The topic is created on {@link #setup} when missing (one partition,
 * {@code errors.deadletterqueue.topic.replication.factor}). Sends are asynchronous; {@link #awaitAcknowledged}
 * runs before the sink commits offsets, so a record counts as handled only once the dead letter queue has it.
 * Task thread only.
 */
final class DeadLetterQueueReporter implements ErrorReporter {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueueReporter.class);

    static final String HEADER_PREFIX = "__connect.errors.";
    static final String ERROR_HEADER_ORIG_TOPIC = HEADER_PREFIX + "topic";
    static final String ERROR_HEADER_ORIG_PARTITION = HEADER_PREFIX + "partition";
    static final String ERROR_HEADER_ORIG_OFFSET = HEADER_PREFIX + "offset";
    static final String ERROR_HEADER_CONNECTOR_NAME = HEADER_PREFIX + "connector.name";
    static final String ERROR_HEADER_TASK_ID = HEADER_PREFIX + "task.id";
    static final String ERROR_HEADER_STAGE = HEADER_PREFIX + "stage";
    static final String ERROR_HEADER_EXECUTING_CLASS = HEADER_PREFIX + "class.name";
    static final String ERROR_HEADER_EXCEPTION = HEADER_PREFIX + "exception.class.name";
    static final String ERROR_HEADER_EXCEPTION_MESSAGE = HEADER_PREFIX + "exception.message";
    static final String ERROR_HEADER_EXCEPTION_STACK_TRACE = HEADER_PREFIX + "exception.stacktrace";

    /** Makes sure the topic exists, creating it with one partition and the replication factor. */
    interface TopicCreator {
        void ensureTopic(String topic, short replicationFactor);
    }

    private final String connector;
    private final int taskNumber;
    private final ErrorHandlingConfig config;
    private final Producer<byte[], byte[]> producer;
    private final TopicCreator topicCreator;
    private final List<CompletableFuture<RecordMetadata>> unacknowledged = new ArrayList<>();

    DeadLetterQueueReporter(String connector, int taskNumber, ErrorHandlingConfig config,
                            Producer<byte[], byte[]> producer, TopicCreator topicCreator) {
        this.connector = connector;
        this.taskNumber = taskNumber;
        this.config = config;
        this.producer = producer;
        this.topicCreator = topicCreator;
    }

    /** Creates the topic if it is missing; called on the task's thread before the first record. */
    void setup() {
        topicCreator.ensureTopic(config.dlqTopic(), config.dlqReplicationFactor());
    }

    @Override
    public CompletableFuture<?> report(ProcessingContext context) {
        ConsumerRecord<byte[], byte[]> r = context.consumed();
        if (r == null) {
            return CompletableFuture.completedFuture(null); // sources have no dead letter queue
        }
        List<Header> headers = new ArrayList<>(r.headers());
        if (config.dlqContextHeadersEnable()) {
            addContextHeaders(headers, context);
        }
        CompletableFuture<RecordMetadata> sent = producer.send(new ProducerRecord<>(config.dlqTopic(), null,
            r.timestamp() < 0 ? null : r.timestamp(), r.key(), r.value(), headers));
        unacknowledged.add(sent);
        return sent;
    }

    private void addContextHeaders(List<Header> headers, ProcessingContext context) {
        ConsumerRecord<byte[], byte[]> r = context.consumed();
        Throwable error = context.error();
        headers.add(text(ERROR_HEADER_ORIG_TOPIC, r.topic()));
        headers.add(text(ERROR_HEADER_ORIG_PARTITION, Integer.toString(r.partition())));
        headers.add(text(ERROR_HEADER_ORIG_OFFSET, Long.toString(r.offset())));
        headers.add(text(ERROR_HEADER_CONNECTOR_NAME, connector));
        headers.add(text(ERROR_HEADER_TASK_ID, Integer.toString(taskNumber)));
        headers.add(text(ERROR_HEADER_STAGE, context.stage().name()));
        headers.add(text(ERROR_HEADER_EXECUTING_CLASS, context.executingClass().getName()));
        if (error != null) {
            headers.add(text(ERROR_HEADER_EXCEPTION, error.getClass().getName()));
            headers.add(text(ERROR_HEADER_EXCEPTION_MESSAGE, error.getMessage()));
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            headers.add(text(ERROR_HEADER_EXCEPTION_STACK_TRACE, trace.toString()));
        }
    }

    private static Header text(String key, String value) {
        return new Header(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Flushes the producer and checks every send since the last call.
     *
     * @throws ConnectException when a record could not be written to the dead letter queue
     */
    void awaitAcknowledged() {
        if (unacknowledged.isEmpty()) {
            return;
        }
        producer.flush();
        try {
            for (CompletableFuture<RecordMetadata> f : unacknowledged) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new ConnectException("could not write a failed record to the dead letter queue "
                + config.dlqTopic() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while writing to the dead letter queue " + config.dlqTopic());
        }
        log.debug("{} record(s) of {}-{} acknowledged by the dead letter queue {}", unacknowledged.size(), connector,
            taskNumber, config.dlqTopic());
        unacknowledged.clear();
    }

    @Override
    public void close() {
        producer.close();
    }
}
