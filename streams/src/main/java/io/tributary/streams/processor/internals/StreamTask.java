package io.tributary.streams.processor.internals;

import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.ConsumerRecords;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.record.Header;
import io.tributary.streams.StreamsException;
import io.tributary.streams.TopologyException;
import io.tributary.streams.processor.StateRestoreListener;
import io.tributary.streams.processor.api.PunctuationType;
import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.StateStore;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.state.internals.InternalStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology at work on one partition number: partition {@code p} of every source topic, with its own processor
 * graph and state stores (whose changelog partition is also {@code p}). Sources with the same partition count and
 * keys are therefore co-partitioned.
 */
public final class StreamTask {
    private static final Logger log = LoggerFactory.getLogger(StreamTask.class);

    private final int partition;
    private final String applicationId;
    private final ProcessorContextImpl context;
    private final Map<String, ProcessorNode> sources;
    private final List<ProcessorNode> nodes;
    private final List<InternalStore> stores = new ArrayList<>();
    /** The changelog topic of each store, null where logging is disabled. */
    private final List<String> changelogs = new ArrayList<>();
    private final RecordCollector collector;
    private final Path taskDir;
    /** The task's checkpoint file, when it has persistent logged stores; else null. */
    private final Checkpoint checkpoint;
    /** Per persistent logged store's changelog partition: the offset of the last record the store holds. */
    private final Map<TopicPartition, Long> changelogOffsets = new HashMap<>();
    /** True once the stores may differ from the checkpoint file (deleted then) until the next checkpoint. */
    private boolean dirty = true;
    /**
     * Per input topic (its partition {@code partition}): the largest record timestamp processed, restored from the
     * committed offset's metadata when the task starts; a one-element array so a record updates it in place.
     */
    private final Map<String, long[]> partitionTimes = new HashMap<>();

    /**
     * A task with fresh nodes and stores; {@link #restore} or {@link #initialize} must follow before records.
     *
     * @param taskDir where persistent stores of this task keep their files (null when there are none)
     */
    public StreamTask(InternalTopology topology, String applicationId, int partition, RecordCollector collector,
                      Time time, Path taskDir) {
        this.partition = partition;
        this.applicationId = applicationId;
        this.collector = collector;
        this.taskDir = taskDir;
        this.context = new ProcessorContextImpl(applicationId, partition, collector, time, taskDir);
        for (StoreBuilder<?> builder : topology.stores().values()) {
            StateStore built = builder.build();
            if (!(built instanceof InternalStore store)) {
                throw new TopologyException("store " + builder.name() + ": " + built.getClass().getName()
                    + " is not a store made by io.tributary.streams.state.Stores");
            }
            String changelog = builder.loggingEnabled()
                ? InternalTopology.changelogTopic(applicationId, builder.name()) : null;
            store.init(context, changelog);
            context.register(store);
            stores.add(store);
            changelogs.add(changelog);
        }
        InternalTopology.Built built = topology.build(applicationId);
        this.sources = built.sources();
        this.nodes = built.nodes();
        boolean checkpointed = false;
        for (int i = 0; i < stores.size(); i++) {
            checkpointed |= stores.get(i).persistent() && changelogs.get(i) != null;
        }
        this.checkpoint = checkpointed && taskDir != null ? new Checkpoint(taskDir) : null;
    }

    public int partition() {
        return partition;
    }

    /** The task's context (stores, stream time). */
    public ProcessorContextImpl context() {
        return context;
    }

    /**
     * Starts the nodes without restoring (stores start empty, or as their files hold them). While a node's
     * {@code init} runs, {@link ProcessorContextImpl#streamTime()} is the restored stream time of its sub-topology
     * (the largest partition time of the topics feeding it, see {@link #restorePartitionTimes}), so time-based nodes
     * start from it; afterwards it is the task's (the largest of all).
     */
    public void initialize() {
        stores.forEach(InternalStore::restored);
        Map<ProcessorNode, Long> startTimes = subTopologyStartTimes();
        long taskTime = context.streamTime();
        for (ProcessorNode node : nodes) {
            context.setStreamTime(startTimes.getOrDefault(node, -1L));
            node.init(context);
        }
        for (long t : startTimes.values()) {
            taskTime = Math.max(taskTime, t);
        }
        context.setStreamTime(taskTime);
    }

    /**
     * Each node reachable from a source whose partition time was restored, with the largest such time: a node sees
     * only the records of its own sub-topology, so a repartition topic's backlog is not judged by the (later) time
     * of the source topic that fed it.
     */
    private Map<ProcessorNode, Long> subTopologyStartTimes() {
        Map<ProcessorNode, Long> times = new IdentityHashMap<>();
        for (Map.Entry<String, long[]> e : partitionTimes.entrySet()) {
            ProcessorNode source = sources.get(e.getKey());
            if (source == null) {
                continue;
            }
            long t = e.getValue()[0];
            ArrayDeque<ProcessorNode> todo = new ArrayDeque<>(List.of(source));
            while (!todo.isEmpty()) {
                ProcessorNode node = todo.pop();
                Long known = times.get(node);
                if (known == null || known < t) {
                    times.put(node, t);
                    todo.addAll(node.children());
                }
            }
        }
        return times;
    }

    /**
     * Before {@link #restore} or {@link #initialize}: takes each input partition's time from the metadata of its
     * committed offset ({@link PartitionTimeMetadata}; absent or foreign metadata is ignored).
     *
     * @param committed the committed offsets of the task's input partitions (null values for none)
     */
    public void restorePartitionTimes(Map<TopicPartition, OffsetAndMetadata> committed) {
        committed.forEach((tp, om) -> {
            if (om == null || tp.partition() != partition) {
                return;
            }
            OptionalLong time = PartitionTimeMetadata.decode(om.metadata());
            if (time.isPresent()) {
                partitionTimes.computeIfAbsent(tp.topic(), t -> new long[] {-1})[0] = time.getAsLong();
                log.info("task {}: {} starts at partition time {} (from the committed offset {})", partition, tp,
                    time.getAsLong(), om.offset());
            }
        });
    }

    /** The largest record timestamp processed (or restored) from partition {@code partition} of {@code topic}, or -1. */
    public long partitionTime(String topic) {
        long[] t = partitionTimes.get(topic);
        return t == null ? -1 : t[0];
    }

    /**
     * Replays each logged store's changelog partition from the beginning to its end offset into the store, with
     * {@code restoreConsumer} (manually assigned, no group), then starts the nodes. Fails if no record arrives for
     * {@code stallTimeout} while the end is not reached (the broker stopped answering), rather than hanging the
     * stream thread.
     */
    void restore(Consumer<byte[], byte[]> restoreConsumer, Duration pollTimeout, Duration stallTimeout) {
        restore(restoreConsumer, pollTimeout, stallTimeout, new StateRestoreListener() { });
    }

    /**
     * Restores the logged stores, then starts the nodes. A persistent store whose changelog partition has an entry
     * in the task's checkpoint replays only the records after it; one without (or whose entry is past the
     * changelog's end: the topic was recreated) is wiped and replayed in full, as are in-memory stores. The
     * checkpoint is deleted before the stores change and written again once they are restored.
     */
    void restore(Consumer<byte[], byte[]> restoreConsumer, Duration pollTimeout, Duration stallTimeout,
                 StateRestoreListener listener) {
        Map<TopicPartition, Long> checkpointed = checkpoint == null ? Map.of() : checkpoint.read();
        if (checkpoint != null) {
            checkpoint.delete();
            dirty = true;
        }
        for (int i = 0; i < stores.size(); i++) {
            if (changelogs.get(i) != null) {
                restoreStore(stores.get(i), changelogs.get(i), restoreConsumer, pollTimeout, stallTimeout,
                    checkpointed, listener);
            }
        }
        initialize();
        writeCheckpoint();
    }

    private void restoreStore(InternalStore store, String changelog, Consumer<byte[], byte[]> restoreConsumer,
                              Duration pollTimeout, Duration stallTimeout, Map<TopicPartition, Long> checkpointed,
                              StateRestoreListener listener) {
        TopicPartition tp = new TopicPartition(changelog, partition);
        restoreConsumer.assign(List.of(tp));
        long end = restoreConsumer.endOffsets(List.of(tp)).getOrDefault(tp, 0L);
        Long from = checkpointed.get(tp);
        if (store.persistent() && from != null && from + 1 <= end) {
            restoreConsumer.seek(tp, from + 1);
        } else {
            if (store.persistent()) {
                wipe(store, from, end);
            }
            restoreConsumer.seekToBeginning(List.of(tp));
        }
        BytesStore bytes = store.bytes();
        listener.onRestoreStart(tp, store.name(), from != null && store.persistent() && from + 1 <= end ? from + 1 : 0,
            end);
        long restored = 0;
        long lastProgress = System.nanoTime();
        long position;
        while ((position = restoreConsumer.position(tp)) < end) {
            if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                throw new StreamsException("task " + partition + ": restoring store " + store.name() + " from "
                    + tp + " made no progress for " + stallTimeout + " (at offset " + position + " of " + end + ")");
            }
            ConsumerRecords<byte[], byte[]> records = restoreConsumer.poll(pollTimeout);
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            }
            long batch = 0;
            long last = -1;
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.offset() < end && r.key() != null) {
                    store.restore(r.key(), r.value(), r.timestamp());
                    batch++;
                    last = r.offset();
                }
            }
            if (batch > 0) {
                restored += batch;
                listener.onBatchRestored(tp, store.name(), last, batch);
            }
        }
        restoreConsumer.assign(List.of());
        if (store.persistent()) {
            changelogOffsets.put(tp, end - 1);
        }
        listener.onRestoreEnd(tp, store.name(), restored);
        log.info("task {}: restored store {} from {} ({} records up to offset {}, {} entries)", partition,
            store.name(), tp, restored, end, bytes.approximateNumEntries());
    }

    /** Empties a persistent store before a full restore: its files may hold writes its changelog does not. */
    private void wipe(InternalStore store, Long checkpointed, long end) {
        Path dir = context.storeDir(store.name());
        log.info("task {}: wiping store {} for a full restore ({})", partition, store.name(), checkpointed == null
            ? "no valid checkpoint" : "checkpoint " + checkpointed + " is past the changelog's end " + end);
        store.bytes().close();
        if (dir != null) {
            StateDirectory.delete(dir);
        }
        store.bytes().open(dir);
    }

    /**
     * Called before anything may write to the stores (a record, a punctuation): the first time after a checkpoint,
     * deletes it, so that a crash from here on leads to a full restore rather than trusting files that may hold
     * writes the changelog does not (or miss some it does).
     */
    void prepareWrite() {
        if (!dirty) {
            checkpoint.delete();
            dirty = true;
        }
    }

    /**
     * After a commit (stores flushed, every changelog record acknowledged): writes the checkpoint with the offset of
     * the last changelog record of each persistent store.
     */
    void writeCheckpoint() {
        if (checkpoint == null || !dirty) {
            return;
        }
        changelogOffsets.replaceAll((tp, offset) -> {
            Long acked = collector.changelogOffset(tp);
            return acked == null ? offset : Math.max(offset, acked);
        });
        checkpoint.write(changelogOffsets);
        dirty = false;
    }

    /** Whether the stores changed since the last checkpoint of persistent stores. */
    boolean checkpointDue() {
        return checkpoint != null && dirty;
    }

    /** Whether a wall-clock punctuation is due at {@code now}. */
    boolean wallClockPunctuationDue(long now) {
        return context.punctuationDue(PunctuationType.WALL_CLOCK_TIME, now);
    }

    /** The directory of the task's persistent stores, or null. */
    Path taskDir() {
        return taskDir;
    }

    /** The changelog offsets the next checkpoint would hold (for tests). */
    Map<TopicPartition, Long> changelogOffsets() {
        return Map.copyOf(changelogOffsets);
    }

    /** Runs one consumed record through the graph, then fires the stream-time punctuations that came due. */
    public void process(String topic, int recordPartition, long offset, long timestamp, List<Header> headers,
                        byte[] key, byte[] value) {
        ProcessorNode source = sources.get(topic);
        if (source == null) {
            throw new StreamsException("task " + partition + " has no source for topic " + topic);
        }
        collector.setOrigin(context);
        context.setRecord(topic, recordPartition, offset, timestamp, headers);
        long[] time = partitionTimes.computeIfAbsent(topic, t -> new long[] {-1});
        if (timestamp > time[0]) {
            time[0] = timestamp;
        }
        source.process(key, value);
        context.punctuate(PunctuationType.STREAM_TIME, context.streamTime());
    }

    void process(ConsumerRecord<byte[], byte[]> record) {
        process(record.topic(), record.partition(), record.offset(), record.timestamp(), record.headers(),
            record.key(), record.value());
    }

    /** Fires the wall-clock punctuations due at {@code now}; returns whether any fired. */
    public boolean punctuateWallClock(long now) {
        collector.setOrigin(context);
        return context.punctuate(PunctuationType.WALL_CLOCK_TIME, now);
    }

    /** Whether a processor asked for a commit since the last call. */
    public boolean commitRequested() {
        return context.takeCommitRequest();
    }

    /** Flushes persistent stores (at each commit). */
    public void flushStores() {
        for (InternalStore store : stores) {
            store.bytes().flush();
        }
    }

    /** Closes the processors and the stores. */
    public void close() {
        for (ProcessorNode node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                log.warn("task {}: closing processor {} failed", partition, node.name(), e);
            }
        }
        for (InternalStore store : stores) {
            try {
                store.close();
            } catch (RuntimeException e) {
                log.warn("task {}: closing store {} failed", partition, store.name(), e);
            }
        }
    }

    /** The task's store called {@code name}, or null. */
    public StateStore store(String name) {
        return context.stores().get(name);
    }

    /** The application id. */
    public String applicationId() {
        return applicationId;
    }
}
