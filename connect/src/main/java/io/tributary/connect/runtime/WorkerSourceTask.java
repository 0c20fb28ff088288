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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SourceTask}: polls it, converts and sends its records, and every {@code offset.flush.interval.ms}
 * (and when stopping) stores the latest source offset of each source partition, but only after the producer
 * flushed and every send since the last store was acknowledged. A failed send fails the task and its offsets are
 * never stored, so a restart re-reads from the last acknowledged position (at least once, no loss).
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
    private final Deque<CompletableFuture<RecordMetadata>> inFlight = new ArrayDeque<>();
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
        super(id);
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
        }
    }

    private void send(SourceRecord polled) {
        SourceRecord r = transforms.apply(polled);
        if (r == null) {
            // Dropped by a transform: nothing to send, but the task has read past it.
            if (polled.sourcePartition() != null && polled.sourceOffset() != null) {
                unstored.put(polled.sourcePartition(), polled.sourceOffset());
            }
            return;
        }
        byte[] key = keyConverter.fromConnectData(r.topic(), r.keySchema(), r.key());
        byte[] value = valueConverter.fromConnectData(r.topic(), r.valueSchema(), r.value());
        inFlight.add(producer.send(new ProducerRecord<>(r.topic(), r.kafkaPartition(), r.timestamp(), key, value,
            List.of())));
        if (r.sourcePartition() != null && r.sourceOffset() != null) {
            unstored.put(r.sourcePartition(), r.sourceOffset());
        }
    }

    /**
     * Forgets acknowledged sends so a long flush interval does not hold one future per record; a send that failed
     * fails the task now rather than at the next store.
     */
    private void pruneAcknowledged() throws Exception {
        // Acknowledgements arrive about in send order: drop the done prefix, stop at the first pending send.
        while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
            inFlight.pollFirst().get();
        }
    }

    /** Flushes the producer, checks every send since the last store succeeded, then stores the offsets. */
    private void commitOffsets() throws Exception {
        if (inFlight.isEmpty() && unstored.isEmpty()) {
            return;
        }
        producer.flush();
        for (CompletableFuture<RecordMetadata> f : inFlight) {
            // Throws the send's failure: the offsets stay unstored and the task fails.
            f.get();
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
        task.stop();
    }

    @Override
    void abandon() {
        producer.close();
        transforms.close();
    }
}
