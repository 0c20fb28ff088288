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
import io.tributary.streams.errors.DeserializationExceptionHandler;
import io.tributary.streams.errors.ProductionExceptionHandler;
import io.tributary.streams.processor.StateRestoreListener;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll → process → produce → commit loop of one stream thread.
 *
 * <p>At-least-once: the offsets of consumed records are committed only at a commit point (every
 * {@code commit.interval.ms}, before partitions are revoked, and at a clean shutdown), and only after
 * {@link RecordCollector#flush()} saw every output and changelog record sent so far acknowledged. A failed send
 * stops the thread without committing, so its input is read again by whoever takes the partition next. After each
 * commit, tasks with persistent stores write their checkpoint.
 *
 * <p>Tasks are created when partitions are assigned (taking the task directory's lock, then restoring their stores
 * from the changelogs). On an eager revocation the thread commits and suspends its tasks; those assigned to it
 * again continue without a restore, the others are closed (releasing their directories) before new ones are
 * created. The thread owns its clients and closes them when it ends.
 */
public final class StreamThread extends Thread {
    private static final Logger log = LoggerFactory.getLogger(StreamThread.class);
    /** How long a store restore may go without receiving a changelog record before the thread fails. */
    private static final Duration RESTORE_STALL_TIMEOUT = Duration.ofSeconds(60);
    /** How long to wait for another thread or instance to give up a task directory during a rebalance. */
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

    /** A stream thread's life cycle (Kafka Streams' thread states). */
    public enum State {
        CREATED, STARTING, PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, RUNNING, PENDING_SHUTDOWN, DEAD;

        /** Between a revocation (or the start) and the end of the restores of the next assignment. */
        public boolean rebalancing() {
            return this == STARTING || this == PARTITIONS_REVOKED || this == PARTITIONS_ASSIGNED;
        }
    }

    /**
     * What every thread of an instance shares.
     *
     * @param stateDirectory   where persistent stores live; null when the topology has none
     * @param onStateChange    told of each thread state change, on this thread
     * @param onExit           told once when the thread ends, with the error that ended it or null
     */
    public record Settings(InternalTopology topology, String applicationId, long commitIntervalMs,
                           Duration pollTimeout, Time time, StateDirectory stateDirectory,
                           DeserializationExceptionHandler deserializationHandler,
                           ProductionExceptionHandler productionHandler, StateRestoreListener restoreListener,
                           BiConsumer<StreamThread, State> onStateChange,
                           BiConsumer<StreamThread, Throwable> onExit) {
    }

    private final Settings settings;
    private final InternalTopology topology;
    private final String applicationId;
    private final int index;
    private final Consumer<byte[], byte[]> consumer;
    private final Consumer<byte[], byte[]> restoreConsumer;
    private final Producer<byte[], byte[]> producer;
    private final RecordCollector collector;
    private final Time time;

    /** Running tasks by partition number; read by interactive queries on other threads. */
    private final NavigableMap<Integer, StreamTask> tasks = new ConcurrentSkipListMap<>();
    /** Tasks revoked by an eager rebalance, kept until the assignment says whether they stay here. */
    private final Map<Integer, StreamTask> suspended = new TreeMap<>();
    private final Map<Integer, Set<TopicPartition>> taskInputs = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
    private volatile boolean running = true;
    private volatile State state = State.CREATED;
    /** Guards state transitions (not the Thread's own monitor, which join() uses). */
    private final Object stateLock = new Object();
    private boolean failed;
    private RuntimeException listenerError;
    private long lastCommitMs;

    /**
     * @param index the thread's number in its instance (its name ends with it)
     */
    public StreamThread(String name, int index, Settings settings, Consumer<byte[], byte[]> consumer,
                        Consumer<byte[], byte[]> restoreConsumer, Producer<byte[], byte[]> producer,
                        Set<String> changelogTopics) {
        super(name);
        this.settings = settings;
        this.topology = settings.topology();
        this.applicationId = settings.applicationId();
        this.index = index;
        this.consumer = consumer;
        this.restoreConsumer = restoreConsumer;
        this.producer = producer;
        this.collector = new ProducerRecordCollector(producer, changelogTopics, settings.productionHandler());
        this.time = settings.time();
    }

    /** The thread's number in its instance. */
    public int index() {
        return index;
    }

    public State state() {
        return state;
    }

    /** The running tasks by partition number (a live, concurrent view; empty while rebalancing). */
    public Map<Integer, StreamTask> activeTasks() {
        return Collections.unmodifiableMap(tasks);
    }

    /**
     * Asks the loop to commit and stop after the current poll (at most one poll timeout). Not a consumer wakeup: a
     * wakeup could break the final commit.
     */
    public void shutdown() {
        running = false;
        if (state != State.DEAD && state != State.CREATED) {
            setState(State.PENDING_SHUTDOWN);
        }
    }

    private void setState(State next) {
        State old;
        synchronized (stateLock) {
            old = state;
            if (old == next || old == State.DEAD || old == State.PENDING_SHUTDOWN && next != State.DEAD) {
                return;
            }
            state = next;
        }
        log.debug("{}: {} -> {}", getName(), old, next);
        // outside the lock: the instance's listener takes the instance's lock
        settings.onStateChange().accept(this, next);
    }

    @Override
    public void run() {
        Throwable error = null;
        try {
            setState(State.STARTING);
            consumer.subscribe(topology.sourceTopics(applicationId), new Rebalance());
            lastCommitMs = time.milliseconds();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
                if (listenerError != null) {
                    throw listenerError;
                }
                // a partition's records come one after another: note its position once, after its last record
                ConsumerRecord<byte[], byte[]> last = null;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    StreamTask task = tasks.get(record.partition());
                    if (task == null) {
                        throw new StreamsException("record from " + record.topicPartition() + " has no task");
                    }
                    task.prepareWrite();
                    task.process(record);
                    if (last != null && (last.partition() != record.partition()
                        || !last.topic().equals(record.topic()))) {
                        consumed.put(last.topicPartition(), new OffsetAndMetadata(last.offset() + 1));
                    }
                    last = record;
                }
                if (last != null) {
                    consumed.put(last.topicPartition(), new OffsetAndMetadata(last.offset() + 1));
                }
                boolean commitRequested = false;
                long now = time.milliseconds();
                for (StreamTask task : tasks.values()) {
                    if (task.wallClockPunctuationDue(now)) {
                        task.prepareWrite();
                    }
                    task.punctuateWallClock(now);
                    commitRequested |= task.commitRequested();
                }
                if (commitRequested || now - lastCommitMs >= settings.commitIntervalMs()) {
                    commit(tasks.values());
                }
            }
            commit(tasks.values());
            log.info("{}: stopped cleanly", getName());
        } catch (Throwable t) {
            error = t;
            // closing the consumer revokes its partitions: the listener must not commit after a failure
            failed = true;
            setState(State.PENDING_SHUTDOWN); // closing the consumer revokes: that is no rebalance
            log.error("{}: failed; stopping without committing what was processed since the last commit", getName(),
                t);
        } finally {
            closeTasks();
            closeClients();
            setState(State.DEAD);
            settings.onExit().accept(this, error);
        }
    }

    private void closeTasks() {
        for (StreamTask task : tasks.values()) {
            closeTask(task);
        }
        tasks.clear();
        for (StreamTask task : suspended.values()) {
            closeTask(task);
        }
        suspended.clear();
    }

    private void closeTask(StreamTask task) {
        try {
            task.close();
        } finally {
            if (settings.stateDirectory() != null) {
                settings.stateDirectory().unlock(task.partition(), this);
            }
        }
    }

    /**
     * Flushes the stores and the producer (every send acknowledged, or an exception), only then commits consumed
     * offsets, and finally writes the tasks' checkpoints.
     */
    private void commit(Collection<StreamTask> toCommit) {
        boolean checkpointDue = toCommit.stream().anyMatch(StreamTask::checkpointDue);
        if (!consumed.isEmpty() || checkpointDue) {
            toCommit.forEach(StreamTask::flushStores);
            collector.flush();
            if (!consumed.isEmpty()) {
                Map<TopicPartition, OffsetAndMetadata> offsets = withPartitionTimes(consumed);
                consumer.commitSync(offsets);
                log.debug("{}: committed {}", getName(), offsets);
                consumed.clear();
            }
            toCommit.forEach(StreamTask::writeCheckpoint);
        }
        lastCommitMs = time.milliseconds();
    }

    /**
     * The offsets to commit, each with its partition's stream time in the metadata (as Kafka Streams does), so a
     * task created for the partition later starts from that time.
     */
    private Map<TopicPartition, OffsetAndMetadata> withPartitionTimes(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        offsets.forEach((tp, om) -> {
            StreamTask task = tasks.get(tp.partition());
            long time = task == null ? -1 : task.partitionTime(tp.topic());
            out.put(tp, time < 0 ? om : new OffsetAndMetadata(om.offset(), PartitionTimeMetadata.encode(time)));
        });
        return out;
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
            setState(State.PARTITIONS_REVOKED);
            if (failed || listenerError != null || partitions.isEmpty()) {
                drop(partitions, false);
                return;
            }
            try {
                commit(tasks.values());
            } catch (RuntimeException e) {
                listenerError = e;
                drop(partitions, false);
                return;
            }
            drop(partitions, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            setState(State.PARTITIONS_REVOKED);
            partitions.forEach(consumed::remove);
            drop(partitions, false);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (listenerError != null) {
                return;
            }
            setState(State.PARTITIONS_ASSIGNED);
            try {
                Set<Integer> assigned = new HashSet<>();
                for (TopicPartition tp : partitions) {
                    taskInputs.computeIfAbsent(tp.partition(), p -> new HashSet<>()).add(tp);
                    assigned.add(tp.partition());
                }
                // first give up the suspended tasks that went elsewhere: another thread may wait for their dirs
                for (var it = suspended.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    if (!assigned.contains(e.getKey())) {
                        closeTask(e.getValue());
                        it.remove();
                    }
                }
                for (int p : new java.util.TreeSet<>(assigned)) {
                    if (tasks.containsKey(p)) {
                        continue;
                    }
                    StreamTask resumed = suspended.remove(p);
                    if (resumed != null) {
                        tasks.put(p, resumed);
                    } else if (running) {
                        StreamTask created = createTask(p);
                        if (created == null) {
                            return; // shutting down
                        }
                        tasks.put(p, created);
                    }
                }
                log.info("{}: assigned {}; tasks {}", getName(), partitions, tasks.keySet());
                setState(State.RUNNING);
            } catch (RuntimeException e) {
                listenerError = e;
            }
        }

        /** Drops the tasks whose last input partition went; suspends them instead when {@code suspend}. */
        private void drop(Collection<TopicPartition> partitions, boolean suspend) {
            for (TopicPartition tp : partitions) {
                Set<TopicPartition> inputs = taskInputs.get(tp.partition());
                if (inputs != null && inputs.remove(tp) && inputs.isEmpty()) {
                    taskInputs.remove(tp.partition());
                    StreamTask task = tasks.remove(tp.partition());
                    if (task == null) {
                        continue;
                    }
                    if (suspend) {
                        suspended.put(tp.partition(), task);
                    } else {
                        try {
                            closeTask(task);
                        } catch (RuntimeException e) {
                            log.warn("{}: closing task {} failed", getName(), task.partition(), e);
                        }
                    }
                }
            }
            log.info("{}: gave up {}; tasks {}, suspended {}", getName(), partitions, tasks.keySet(),
                suspended.keySet());
        }
    }

    /** Locks the task's directory (waiting for its previous owner), creates the task and restores its stores. */
    private StreamTask createTask(int partition) {
        StateDirectory dirs = settings.stateDirectory();
        if (dirs != null) {
            long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
            while (!dirs.lock(partition, this)) {
                if (!running) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    throw new StreamsException("task " + partition + ": the state directory " + dirs.taskDir(partition)
                        + " stayed locked by another thread or process for " + LOCK_TIMEOUT);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StreamsException("interrupted while waiting for the lock of task " + partition, e);
                }
            }
        }
        StreamTask task = null;
        try {
            task = new StreamTask(topology, applicationId, partition, collector, time,
                dirs == null ? null : dirs.taskDir(partition));
            task.context().setExceptionHandlers(settings.deserializationHandler(), settings.productionHandler());
            Set<TopicPartition> inputs = taskInputs.getOrDefault(partition, Set.of());
            if (!inputs.isEmpty()) {
                task.restorePartitionTimes(consumer.committed(Set.copyOf(inputs)));
            }
            task.restore(restoreConsumer, settings.pollTimeout(), RESTORE_STALL_TIMEOUT, settings.restoreListener());
            return task;
        } catch (RuntimeException e) {
            if (task != null) {
                try {
                    task.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (dirs != null) {
                dirs.unlock(partition, this);
            }
            throw e;
        }
    }
}
