package io.tributary.connect.runtime;

import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.consumer.ConsumerRebalanceListener;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.ConsumerRecords;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.consumer.WakeupException;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.errors.RetriableException;
import io.tributary.connect.sink.ErrantRecordReporter;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import io.tributary.connect.sink.SinkTaskContext;
import io.tributary.connect.storage.Converter;
import io.tributary.record.TimestampType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SinkTask}: polls the consumer, converts and transforms records and hands them to {@code put};
 * every {@code offset.flush.interval.ms}, when partitions are revoked, and when stopping, calls {@code flush} and
 * only if it returns commits the consumer offsets, so a record is committed only once the sink has durably written
 * it (or, when it failed and errors are tolerated, once the dead letter queue acknowledged it).
 *
 * <p>A record whose conversion or transform fails goes through the {@link RetryWithToleranceOperator}: fatal with
 * {@code errors.tolerance=none}, skipped (logged, sent to the dead letter queue) with {@code all}. A {@code put}
 * that throws {@link RetriableException} keeps its batch: the partitions are paused (the consumer keeps polling,
 * so it stays in its group) and the same batch is put again after {@link SinkTaskContext#timeout}.
 */
final class WorkerSinkTask extends WorkerTask {
    private static final Logger log = LoggerFactory.getLogger(WorkerSinkTask.class);

    private final SinkTask task;
    private final Map<String, String> taskConfig;
    private final List<String> topics;
    private final TransformationChain<SinkRecord> transforms;
    private final Converter keyConverter;
    private final Converter valueConverter;
    private final Consumer<byte[], byte[]> consumer;
    private final long flushIntervalMs;
    private final Time time;
    private final RetryWithToleranceOperator errors;

    /** Next offset to read per partition, as put so far; committed after a successful flush. */
    private final Map<TopicPartition, OffsetAndMetadata> currentOffsets = new HashMap<>();
    private Map<TopicPartition, OffsetAndMetadata> lastCommitted = Map.of();
    private volatile boolean commitRequested;

    /** The records of the batch being put, as read: what the errant record reporter sends to the DLQ. */
    private final Map<SinkRecord, ConsumerRecord<byte[], byte[]>> origins = new IdentityHashMap<>();
    /** A batch whose put threw a RetriableException, to be put again; null when none. */
    private Batch pending;
    private long retryBackoffMs;

    /** Converted records and the offsets they advance; {@code firstOffsets} is where each partition's part began. */
    private record Batch(List<SinkRecord> records, Map<SinkRecord, ConsumerRecord<byte[], byte[]>> origins,
                         Map<TopicPartition, OffsetAndMetadata> nextOffsets, Map<TopicPartition, Long> firstOffsets,
                         long retryAt) {
    }

    WorkerSinkTask(String id, SinkTask task, Map<String, String> taskConfig, List<String> topics,
                   Converter keyConverter, Converter valueConverter, Consumer<byte[], byte[]> consumer,
                   long flushIntervalMs, Time time) {
        this(id, task, taskConfig, topics, TransformationChain.empty(), keyConverter, valueConverter, consumer,
            flushIntervalMs, time);
    }

    WorkerSinkTask(String id, SinkTask task, Map<String, String> taskConfig, List<String> topics,
                   TransformationChain<SinkRecord> transforms, Converter keyConverter, Converter valueConverter,
                   Consumer<byte[], byte[]> consumer, long flushIntervalMs, Time time) {
        this(id, task, taskConfig, topics, transforms, keyConverter, valueConverter, consumer, flushIntervalMs, time,
            RetryWithToleranceOperator.failFast(id));
    }

    WorkerSinkTask(String id, SinkTask task, Map<String, String> taskConfig, List<String> topics,
                   TransformationChain<SinkRecord> transforms, Converter keyConverter, Converter valueConverter,
                   Consumer<byte[], byte[]> consumer, long flushIntervalMs, Time time,
                   RetryWithToleranceOperator errors) {
        super(id);
        this.transforms = transforms;
        this.task = task;
        this.taskConfig = taskConfig;
        this.topics = topics;
        this.keyConverter = keyConverter;
        this.valueConverter = valueConverter;
        this.consumer = consumer;
        this.flushIntervalMs = flushIntervalMs;
        this.time = time;
        this.errors = errors;
    }

    @Override
    protected void execute() {
        try {
            errors.setup();
            task.initialize(new Context());
            task.start(taskConfig);
            consumer.subscribe(topics, new Rebalance());
            log.info("sink task {} started, reading {}", id, topics);
            long nextCommit = time.milliseconds() + flushIntervalMs;
            boolean consumerPaused = false;
            while (!stopping) {
                boolean pause = paused || pending != null;
                if (pause != consumerPaused) {
                    // Keep polling while paused so the consumer stays in its group; it just returns nothing.
                    consumerPaused = pause;
                    if (consumerPaused) {
                        consumer.pause(consumer.assignment());
                    } else {
                        consumer.resume(consumer.paused());
                    }
                }
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (WakeupException e) {
                    break;
                }
                if (!records.isEmpty()) {
                    deliver(records);
                } else if (pending != null && !paused && time.milliseconds() >= pending.retryAt()) {
                    Batch retry = pending;
                    pending = null;
                    put(retry);
                }
                if (commitRequested || time.milliseconds() >= nextCommit) {
                    commitRequested = false;
                    try {
                        flushAndCommit();
                    } catch (WakeupException e) {
                        break;
                    }
                    nextCommit = time.milliseconds() + flushIntervalMs;
                }
            }
            try {
                flushAndCommit();
            } catch (WakeupException e) {
                // stop() woke a blocking call; a wakeup fires once, so the retry runs undisturbed.
                flushAndCommit();
            }
        } finally {
            try {
                task.stop();
            } finally {
                consumer.close();
                transforms.close();
                errors.close();
            }
        }
    }

    /** Converts and transforms the polled records (failures per the error settings), then puts them. */
    private void deliver(ConsumerRecords<byte[], byte[]> records) {
        List<SinkRecord> batch = new ArrayList<>(records.count());
        Map<SinkRecord, ConsumerRecord<byte[], byte[]>> batchOrigins = new IdentityHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            first.putIfAbsent(r.topicPartition(), r.offset());
            // Whether put, dropped by a transform or skipped as failed, the record is done once the batch is.
            next.put(r.topicPartition(), new OffsetAndMetadata(r.offset() + 1));
            SinkRecord converted = convertAndTransform(r);
            if (converted != null) {
                batch.add(converted);
                batchOrigins.put(converted, r);
            }
        }
        if (pending != null) {
            // Records polled while a batch waits for its retry (fetched before the pause): they queue behind it.
            pending.records().addAll(batch);
            pending.origins().putAll(batchOrigins);
            pending.nextOffsets().putAll(next);
            first.forEach(pending.firstOffsets()::putIfAbsent);
            return;
        }
        put(new Batch(batch, batchOrigins, next, first, 0));
    }

    private SinkRecord convertAndTransform(ConsumerRecord<byte[], byte[]> r) {
        usedTopic(r.topic());
        ProcessingContext context = ProcessingContext.consumed(r);
        SchemaAndValue key = errors.execute(context, Stage.KEY_CONVERTER, keyConverter.getClass(),
            () -> keyConverter.toConnectData(r.topic(), r.key()));
        if (context.failed()) {
            return null;
        }
        SchemaAndValue value = errors.execute(context, Stage.VALUE_CONVERTER, valueConverter.getClass(),
            () -> valueConverter.toConnectData(r.topic(), r.value()));
        if (context.failed()) {
            return null;
        }
        SinkRecord record = new SinkRecord(r.topic(), r.partition(), key.schema(), key.value(), value.schema(),
            value.value(), r.offset(), r.timestamp() < 0 ? null : r.timestamp(), RecordHeaders.toConnect(r.headers()));
        return transforms.isEmpty() ? record : transforms.apply(record, errors, context);
    }

    /** Puts a batch; on a RetriableException keeps it for a later retry. Other failures fail the task. */
    private void put(Batch batch) {
        origins.putAll(batch.origins());
        try {
            task.put(batch.records());
        } catch (RetriableException e) {
            long backoff = retryBackoffMs;
            log.warn("task {}: put of {} record(s) failed and will be retried in {} ms: {}", id,
                batch.records().size(), backoff, e.toString());
            pending = new Batch(new ArrayList<>(batch.records()), new IdentityHashMap<>(batch.origins()),
                new HashMap<>(batch.nextOffsets()), new HashMap<>(batch.firstOffsets()),
                time.milliseconds() + backoff);
            return;
        } finally {
            origins.clear();
        }
        currentOffsets.putAll(batch.nextOffsets());
    }

    private void flushAndCommit() {
        if (currentOffsets.isEmpty() || currentOffsets.equals(lastCommitted)) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> toCommit = Map.copyOf(currentOffsets);
        // Failed records sent to the dead letter queue count as done only once it has them.
        errors.awaitReported();
        // A flush that throws fails the task before anything is committed.
        task.flush(toCommit);
        consumer.commitSync(toCommit);
        lastCommitted = toCommit;
        log.debug("task {} committed {}", id, toCommit);
    }

    /** The batch waiting for a retry is dropped; partitions that stay are read again from where it began. */
    private void dropPending(Collection<TopicPartition> revoked) {
        if (pending == null) {
            return;
        }
        pending.firstOffsets().forEach((tp, offset) -> {
            if (!revoked.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
        pending = null;
    }

    @Override
    protected void onStop() {
        errors.stop();
        consumer.wakeup();
    }

    @Override
    void abandon() {
        consumer.close();
        transforms.close();
        errors.close();
    }

    /** The context the task sees. */
    private final class Context implements SinkTaskContext {
        private final ErrantRecordReporter reporter = this::report;

        @Override
        public Map<String, String> configs() {
            return taskConfig;
        }

        @Override
        public Set<TopicPartition> assignment() {
            return consumer.assignment();
        }

        @Override
        public void requestCommit() {
            commitRequested = true;
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return reporter;
        }

        @Override
        public void timeout(long timeoutMs) {
            retryBackoffMs = Math.max(0, timeoutMs);
        }

        private Future<Void> report(SinkRecord record, Throwable error) {
            ConsumerRecord<byte[], byte[]> original = origins.get(record);
            if (original == null) {
                original = serialize(record);
            }
            return errors.executeFailed(ProcessingContext.consumed(original), Stage.TASK_PUT, task.getClass(), error);
        }

        /** A record the task made itself (or copied): converted back, as Kafka's reporter does. */
        private ConsumerRecord<byte[], byte[]> serialize(SinkRecord r) {
            byte[] key = null;
            byte[] value = null;
            try {
                key = keyConverter.fromConnectData(r.topic(), r.keySchema(), r.key());
                value = valueConverter.fromConnectData(r.topic(), r.valueSchema(), r.value());
            } catch (RuntimeException e) {
                log.warn("task {}: a reported record could not be converted back; its key and value are left out of "
                    + "the dead letter queue: {}", id, e.toString());
            }
            return new ConsumerRecord<>(r.topic(), r.kafkaPartition(), r.kafkaOffset(),
                r.timestamp() == null ? -1 : r.timestamp(), TimestampType.CREATE_TIME, key, value,
                RecordHeaders.toRecord(r.headers()), key == null ? -1 : key.length, value == null ? -1 : value.length);
        }
    }

    /** Flush and commit what was put before partitions go; forget their offsets afterwards. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            flushAndCommit();
            dropPending(partitions);
            task.close(partitions);
            partitions.forEach(currentOffsets::remove);
            lastCommitted = Map.copyOf(currentOffsets);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            task.open(partitions);
            if (paused || pending != null) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member owns them now: committing would overwrite its progress.
            dropPending(partitions);
            task.close(partitions);
            partitions.forEach(currentOffsets::remove);
        }
    }
}
