package io.tributary.streams.processor.internals;

import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.consumer.ConsumerRebalanceListener;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.ConsumerRecords;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.producer.Producer;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.streams.StreamsException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll → process → produce → commit loop of one stream thread.
 *
 * <p>At-least-once: the offsets of consumed records are committed only at a commit point (every
 * {@code commit.interval.ms}, before partitions are revoked, and at a clean shutdown), and only after
 * {@link RecordCollector#flush()} saw every output and changelog record sent so far acknowledged. A failed send
 * stops the thread without committing, so its input is read again by whoever takes the partition next.
 *
 * <p>Tasks are created when partitions are assigned (restoring their stores from the changelogs first) and
 * dropped when revoked. The thread owns its clients and closes them when it ends.
 */
public final class StreamThread extends Thread {
    private static final Logger log = LoggerFactory.getLogger(StreamThread.class);
    /** How long a store restore may go without receiving a changelog record before the thread fails. */
    private static final Duration RESTORE_STALL_TIMEOUT = Duration.ofSeconds(60);

    private final InternalTopology topology;
    private final String applicationId;
    private final Consumer<byte[], byte[]> consumer;
    private final Consumer<byte[], byte[]> restoreConsumer;
    private final Producer<byte[], byte[]> producer;
    private final RecordCollector collector;
    private final long commitIntervalMs;
    private final Duration pollTimeout;
    private final Time time;
    private final java.util.function.Consumer<Throwable> onExit;

    private final Map<Integer, StreamTask> tasks = new TreeMap<>();
    private final Map<Integer, Set<TopicPartition>> taskInputs = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
    private volatile boolean running = true;
    private boolean failed;
    private RuntimeException listenerError;
    private long lastCommitMs;

    /**
     * @param onExit called once when the thread ends, with the error that ended it or null after a clean shutdown
     */
    public StreamThread(String name, InternalTopology topology, String applicationId,
                        Consumer<byte[], byte[]> consumer, Consumer<byte[], byte[]> restoreConsumer,
                        Producer<byte[], byte[]> producer, long commitIntervalMs, Duration pollTimeout, Time time,
                        java.util.function.Consumer<Throwable> onExit) {
        super(name);
        this.topology = topology;
        this.applicationId = applicationId;
        this.consumer = consumer;
        this.restoreConsumer = restoreConsumer;
        this.producer = producer;
        this.collector = new ProducerRecordCollector(producer);
        this.commitIntervalMs = commitIntervalMs;
        this.pollTimeout = pollTimeout;
        this.time = time;
        this.onExit = onExit;
    }

    /**
     * Asks the loop to commit and stop after the current poll (at most one poll timeout). Not a consumer wakeup: a
     * wakeup could break the final commit.
     */
    public void shutdown() {
        running = false;
    }

    @Override
    public void run() {
        Throwable error = null;
        try {
            consumer.subscribe(topology.sourceTopics(applicationId), new Rebalance());
            lastCommitMs = time.milliseconds();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                if (listenerError != null) {
                    throw listenerError;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    StreamTask task = tasks.get(record.partition());
                    if (task == null) {
                        throw new StreamsException("record from " + record.topicPartition() + " has no task");
                    }
                    task.process(record);
                    consumed.put(record.topicPartition(), new OffsetAndMetadata(record.offset() + 1));
                }
                boolean commitRequested = false;
                long now = time.milliseconds();
                for (StreamTask task : tasks.values()) {
                    task.punctuateWallClock(now);
                    commitRequested |= task.commitRequested();
                }
                if (commitRequested || now - lastCommitMs >= commitIntervalMs) {
                    commit();
                }
            }
            commit();
            log.info("{}: stopped cleanly", getName());
        } catch (Throwable t) {
            error = t;
            // closing the consumer revokes its partitions: the listener must not commit after a failure
            failed = true;
            log.error("{}: failed; stopping without committing what was processed since the last commit", getName(),
                t);
        } finally {
            closeTasks();
            closeClients();
            onExit.accept(error);
        }
    }

    private void closeTasks() {
        tasks.values().forEach(StreamTask::close);
        tasks.clear();
    }

    /** Flushes the producer (every send acknowledged, or an exception) and only then commits consumed offsets. */
    private void commit() {
        if (!consumed.isEmpty()) {
            tasks.values().forEach(StreamTask::flushStores);
            collector.flush();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(consumed);
            consumer.commitSync(offsets);
            log.debug("{}: committed {}", getName(), offsets);
            consumed.clear();
        }
        lastCommitMs = time.milliseconds();
    }

    private void closeClients() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("{}: closing the consumer failed", getName(), e);
        }
        try {
            restoreConsumer.close();
        } catch (RuntimeException e) {
            log.warn("{}: closing the restore consumer failed", getName(), e);
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("{}: closing the producer failed", getName(), e);
        }
    }

    /** Creates and drops tasks as partitions move; runs inside {@code poll}, so errors are kept for after it. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (failed || listenerError != null || partitions.isEmpty()) {
                drop(partitions);
                return;
            }
            try {
                commit();
            } catch (RuntimeException e) {
                listenerError = e;
            }
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(consumed::remove);
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (listenerError != null) {
                return;
            }
            try {
                for (TopicPartition tp : partitions) {
                    taskInputs.computeIfAbsent(tp.partition(), p -> new HashSet<>()).add(tp);
                    if (!tasks.containsKey(tp.partition())) {
                        StreamTask task = new StreamTask(topology, applicationId, tp.partition(), collector, time, null);
                        task.restore(restoreConsumer, pollTimeout, RESTORE_STALL_TIMEOUT);
                        tasks.put(tp.partition(), task);
                    }
                }
                log.info("{}: assigned {}; tasks {}", getName(), partitions, tasks.keySet());
            } catch (RuntimeException e) {
                listenerError = e;
            }
        }

        private void drop(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                Set<TopicPartition> inputs = taskInputs.get(tp.partition());
                if (inputs != null && inputs.remove(tp) && inputs.isEmpty()) {
                    taskInputs.remove(tp.partition());
                    StreamTask task = tasks.remove(tp.partition());
                    if (task != null) {
                        task.close();
                    }
                }
            }
            log.info("{}: gave up {}; tasks {}", getName(), partitions, tasks.keySet());
        }
    }
}
