package io.tributary.connect.runtime;

import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.common.Time;
import io.tributary.connect.source.OffsetStorageReader;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import io.tributary.connect.source.SourceTaskContext;
import io.tributary.connect.storage.Converter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SourceTask}: polls it, converts and sends its records, and every {@code offset.flush.interval.ms}
 * (and when stopping) stores the latest source offset of each source partition, but only after the producer
 * flushed and every send since the last store was acknowledged. A failed send fails the task and its offsets are
 * never stored, so a restart re-reads from the last acknowledged position (at least once, no loss).
 *
 * <p>A record whose transform or conversion fails goes through the {@link RetryWithToleranceOperator}: fatal with
 * {@code errors.tolerance=none}; with {@code all} it is skipped (and logged), and its offset counts as read. With
 * {@code all} a send the broker refused is skipped and logged too, as Kafka does since KIP-779.
 */
final class WorkerSourceTask extends WorkerTask {
    private static final Logger log = LoggerFactory.getLogger(WorkerSourceTask.class);

    private final String connector;
    private final SourceTask task;
    private final Map<String, String> taskConfig;
    private final TransformationChain<SourceRecord> transforms;
    private final Converter keyConverter;
    private final Converter valueConverter;
    private final Producer<byte[], byte[]> producer;
    private final FileOffsetStore offsetStore;
    private final long flushIntervalMs;
    private final Time time;

    /** Latest offset per source partition sent since the last store; only the task thread touches it. */
    private final Map<Map<String, ?>, Map<String, ?>> unstored = new LinkedHashMap<>();
    /** Sends since the last store that may not be acknowledged yet, oldest first. */
    private final Deque<Send> inFlight = new ArrayDeque<>();
    private final RetryWithToleranceOperator errors;

    /** A record handed to the producer and the future of its acknowledgement. */
    private record Send(SourceRecord record, CompletableFuture<RecordMetadata> ack) {
    }
    private static final int PRUNE_THRESHOLD = 4096;

    WorkerSourceTask(String id, String connector, SourceTask task, Map<String, String> taskConfig,
                     Converter keyConverter, Converter valueConverter, Producer<byte[], byte[]> producer,
                     FileOffsetStore offsetStore, long flushIntervalMs, Time time) {
        this(id, connector, task, taskConfig, TransformationChain.empty(), keyConverter, valueConverter, producer,
            offsetStore, flushIntervalMs, time);
    }

    WorkerSourceTask(String id, String connector, SourceTask task, Map<String, String> taskConfig,
                     TransformationChain<SourceRecord> transforms, Converter keyConverter,
                     Converter valueConverter, Producer<byte[], byte[]> producer, FileOffsetStore offsetStore,
                     long flushIntervalMs, Time time) {
        this(id, connector, task, taskConfig, transforms, keyConverter, valueConverter, producer, offsetStore,
            flushIntervalMs, time, RetryWithToleranceOperator.failFast(id));
    }

    WorkerSourceTask(String id, String connector, SourceTask task, Map<String, String> taskConfig,
                     TransformationChain<SourceRecord> transforms, Converter keyConverter,
                     Converter valueConverter, Producer<byte[], byte[]> producer, FileOffsetStore offsetStore,
                     long flushIntervalMs, Time time, RetryWithToleranceOperator errors) {
        super(id);
        this.errors = errors;
        this.transforms = transforms;
        this.connector = connector;
        this.task = task;
        this.taskConfig = taskConfig;
        this.keyConverter = keyConverter;
        this.valueConverter = valueConverter;
        this.producer = producer;
        this.offsetStore = offsetStore;
        this.flushIntervalMs = flushIntervalMs;
        this.time = time;
    }

    @Override
    protected void execute() throws Exception {
        OffsetStorageReader reader = offsetStore.reader(connector);
        try {
            task.initialize(new SourceTaskContext() {
                @Override
                public Map<String, String> configs() {
                    return taskConfig;
                }

                @Override
                public OffsetStorageReader offsetStorageReader() {
                    return reader;
                }
            });
            task.start(taskConfig);
            log.info("source task {} started", id);
            long nextCommit = time.milliseconds() + flushIntervalMs;
            while (!stopping) {
                if (paused) {
                    // Store what was sent before waiting: a pause may last long.
                    commitOffsets();
                    awaitResumed();
                    continue;
                }
                List<SourceRecord> records = task.poll();
                if (records != null) {
                    for (SourceRecord r : records) {
                        send(r);
                    }
                }
                if (inFlight.size() >= PRUNE_THRESHOLD) {
                    pruneAcknowledged();
                }
                if (time.milliseconds() >= nextCommit) {
                    commitOffsets();
                    nextCommit = time.milliseconds() + flushIntervalMs;
                }
            }
            commitOffsets();
        } finally {
            if (!stopping) {
                // The task failed on its own; when stopping, onStop() already stopped it.
                task.stop();
            }
            producer.close();
            transforms.close();
            errors.close();
        }
    }

    private void send(SourceRecord polled) {
        ProcessingContext context = ProcessingContext.polled(polled);
        SourceRecord r = transforms.isEmpty() ? polled : transforms.apply(polled, errors, context);
        if (r == null) {
            // Dropped by a transform, or failed and skipped: nothing to send, but the task has read past it.
            markRead(polled);
            return;
        }
        byte[] key = errors.execute(context, Stage.KEY_CONVERTER, keyConverter.getClass(),
            () -> keyConverter.fromConnectData(r.topic(), r.keySchema(), r.key()));
        if (context.failed()) {
            markRead(polled);
            return;
        }
        byte[] value = errors.execute(context, Stage.VALUE_CONVERTER, valueConverter.getClass(),
            () -> valueConverter.fromConnectData(r.topic(), r.valueSchema(), r.value()));
        if (context.failed()) {
            markRead(polled);
            return;
        }
        inFlight.add(new Send(r, producer.send(new ProducerRecord<>(r.topic(), r.kafkaPartition(), r.timestamp(),
            key, value, RecordHeaders.toRecord(r.headers())))));
        usedTopic(r.topic());
        markRead(r);
    }

    private void markRead(SourceRecord r) {
        if (r.sourcePartition() != null && r.sourceOffset() != null) {
            unstored.put(r.sourcePartition(), r.sourceOffset());
        }
    }

    /**
     * Throws the send's failure (the offsets stay unstored and the task fails), unless errors are tolerated: then
     * the failure is logged and the record counts as done.
     */
    private void checkAcknowledged(Send send) throws Exception {
        try {
            send.ack().get();
        } catch (ExecutionException e) {
            if (!errors.config().toleranceAll()) {
                throw e;
            }
            errors.executeFailed(ProcessingContext.polled(send.record()), Stage.KAFKA_PRODUCE, producer.getClass(),
                e.getCause());
        }
    }

    /**
     * Forgets acknowledged sends so a long flush interval does not hold one future per record; a send that failed
     * fails the task now rather than at the next store.
     */
    private void pruneAcknowledged() throws Exception {
        // Acknowledgements arrive about in send order: drop the done prefix, stop at the first pending send.
        while (!inFlight.isEmpty() && inFlight.peekFirst().ack().isDone()) {
            checkAcknowledged(inFlight.pollFirst());
        }
    }

    /** Flushes the producer, checks every send since the last store succeeded, then stores the offsets. */
    private void commitOffsets() throws Exception {
        if (inFlight.isEmpty() && unstored.isEmpty()) {
            return;
        }
        producer.flush();
        for (Send send : inFlight) {
            checkAcknowledged(send);
        }
        inFlight.clear();
        if (!unstored.isEmpty()) {
            offsetStore.store(connector, unstored);
            log.debug("task {} stored offsets of {} source partitions", id, unstored.size());
            unstored.clear();
        }
        task.commit();
    }

    @Override
    protected void onStop() {
        errors.stop();
        task.stop();
    }

    @Override
    void abandon() {
        producer.close();
        transforms.close();
        errors.close();
    }
}
