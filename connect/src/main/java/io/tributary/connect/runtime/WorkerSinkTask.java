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
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import io.tributary.connect.sink.SinkTaskContext;
import io.tributary.connect.storage.Converter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SinkTask}: polls the consumer, converts records and hands them to {@code put}; every
 * {@code offset.flush.interval.ms}, when partitions are revoked, and when stopping, calls {@code flush} and only
 * if it returns commits the consumer offsets, so a record is committed only once the sink has durably written it.
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

    /** Next offset to read per partition, as put so far; committed after a successful flush. */
    private final Map<TopicPartition, OffsetAndMetadata> currentOffsets = new HashMap<>();
    private Map<TopicPartition, OffsetAndMetadata> lastCommitted = Map.of();
    private volatile boolean commitRequested;

    WorkerSinkTask(String id, SinkTask task, Map<String, String> taskConfig, List<String> topics,
                   Converter keyConverter, Converter valueConverter, Consumer<byte[], byte[]> consumer,
                   long flushIntervalMs, Time time) {
        this(id, task, taskConfig, topics, TransformationChain.empty(), keyConverter, valueConverter, consumer,
            flushIntervalMs, time);
    }

    WorkerSinkTask(String id, SinkTask task, Map<String, String> taskConfig, List<String> topics,
                   TransformationChain<SinkRecord> transforms, Converter keyConverter, Converter valueConverter,
                   Consumer<byte[], byte[]> consumer, long flushIntervalMs, Time time) {
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
    }

    @Override
    protected void execute() {
        try {
            task.initialize(new SinkTaskContext() {
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
            });
            task.start(taskConfig);
            consumer.subscribe(topics, new Rebalance());
            log.info("sink task {} started, reading {}", id, topics);
            long nextCommit = time.milliseconds() + flushIntervalMs;
            boolean consumerPaused = false;
            while (!stopping) {
                if (paused != consumerPaused) {
                    // Keep polling while paused so the consumer stays in its group; it just returns nothing.
                    consumerPaused = paused;
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
            }
        }
    }

    private void deliver(ConsumerRecords<byte[], byte[]> records) {
        List<SinkRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            SchemaAndValue key = keyConverter.toConnectData(r.topic(), r.key());
            SchemaAndValue value = valueConverter.toConnectData(r.topic(), r.value());
            SinkRecord transformed = transforms.apply(new SinkRecord(r.topic(), r.partition(), key.schema(),
                key.value(), value.schema(), value.value(), r.offset(), r.timestamp()));
            if (transformed != null) {
                batch.add(transformed);
            }
        }
        task.put(batch);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            currentOffsets.put(r.topicPartition(), new OffsetAndMetadata(r.offset() + 1));
        }
    }

    private void flushAndCommit() {
        if (currentOffsets.isEmpty() || currentOffsets.equals(lastCommitted)) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> toCommit = Map.copyOf(currentOffsets);
        // A flush that throws fails the task before anything is committed.
        task.flush(toCommit);
        consumer.commitSync(toCommit);
        lastCommitted = toCommit;
        log.debug("task {} committed {}", id, toCommit);
    }

    @Override
    protected void onStop() {
        consumer.wakeup();
    }

    @Override
    void abandon() {
        consumer.close();
        transforms.close();
    }

    /** Flush and commit what was put before partitions go; forget their offsets afterwards. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            flushAndCommit();
            task.close(partitions);
            partitions.forEach(currentOffsets::remove);
            lastCommitted = Map.copyOf(currentOffsets);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            task.open(partitions);
            if (paused) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member owns them now: committing would overwrite its progress.
            task.close(partitions);
            partitions.forEach(currentOffsets::remove);
        }
    }
}
