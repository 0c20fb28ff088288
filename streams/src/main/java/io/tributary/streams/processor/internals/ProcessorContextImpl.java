package io.tributary.streams.processor.internals;

import io.tributary.common.Time;
import io.tributary.record.Header;
import io.tributary.streams.StreamsException;
import io.tributary.streams.errors.DefaultProductionExceptionHandler;
import io.tributary.streams.errors.DeserializationExceptionHandler;
import io.tributary.streams.errors.LogAndFailExceptionHandler;
import io.tributary.streams.errors.ProductionExceptionHandler;
import io.tributary.streams.processor.api.Cancellable;
import io.tributary.streams.processor.api.PunctuationType;
import io.tributary.streams.processor.api.Punctuator;
import io.tributary.streams.state.StateStore;
import io.tributary.streams.state.internals.StoreContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the nodes of one task share: the task's partition, the record being processed (its topic, offset, timestamp
 * and headers, which output records inherit), the task's stream time, its stores, its scheduled punctuations and
 * the record collector.
 */
public final class ProcessorContextImpl implements StoreContext {
    private final int partition;
    private final String applicationId;
    private final RecordCollector collector;
    private final Time time;
    private final Path taskDir;
    private final Map<String, StateStore> stores = new HashMap<>();
    private final List<Schedule> schedules = new ArrayList<>();
    private String topic;
    private int recordPartition = -1;
    private long offset = -1;
    private long timestamp;
    private List<Header> headers = List.of();
    private long streamTime = -1;
    private boolean commitRequested;

    ProcessorContextImpl(String applicationId, int partition, RecordCollector collector, Time time, Path taskDir) {
        this.applicationId = applicationId;
        this.partition = partition;
        this.collector = collector;
        this.time = time;
        this.taskDir = taskDir;
    }

    /** The task's partition number (its id). */
    @Override
    public int partition() {
        return partition;
    }

    @Override
    public String applicationId() {
        return applicationId;
    }

    public RecordCollector collector() {
        return collector;
    }

    /** The topic of the record being processed, or null in a punctuation. */
    public String topic() {
        return topic;
    }

    /** The partition of the record being processed, or -1 in a punctuation. */
    public int recordPartition() {
        return recordPartition;
    }

    /** The offset of the record being processed, or -1 in a punctuation. */
    public long offset() {
        return offset;
    }

    /** The timestamp of the record being processed; records sent while processing it carry it. */
    @Override
    public long timestamp() {
        return timestamp;
    }

    /** The headers of the record being processed. */
    public List<Header> headers() {
        return headers;
    }

    /**
     * The largest timestamp the task has processed, or -1; after a restart it starts from the partition times saved
     * in the committed offsets' metadata (during a node's {@code init}: those of the node's sub-topology).
     */
    public long streamTime() {
        return streamTime;
    }

    /** The wall clock. */
    public Time time() {
        return time;
    }

    void setRecord(String topic, int recordPartition, long offset, long timestamp, List<Header> headers) {
        this.topic = topic;
        this.recordPartition = recordPartition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.headers = headers;
        if (timestamp > streamTime) {
            streamTime = timestamp;
        }
    }

    /** Sets the stream time outright: only while the task initialises its nodes (restored partition times). */
    void setStreamTime(long streamTime) {
        this.streamTime = streamTime;
    }

    void setTimestampAndHeaders(long timestamp, List<Header> headers) {
        this.timestamp = timestamp;
        this.headers = headers;
    }

    void register(StateStore store) {
        stores.put(store.name(), store);
    }

    Map<String, StateStore> stores() {
        return stores;
    }

    /** The task's store called {@code name}. */
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S store(String name) {
        StateStore store = stores.get(name);
        if (store == null) {
            throw new StreamsException("no state store " + name + " in task " + partition + " (stores: "
                + stores.keySet() + ")");
        }
        return (S) store;
    }

    @Override
    public void logChange(String topic, byte[] key, byte[] value) {
        collector.send(topic, partition, timestamp, List.of(), key, value);
    }

    @Override
    public void logChange(String topic, byte[] key, byte[] value, long timestamp) {
        collector.send(topic, partition, timestamp, List.of(), key, value);
    }

    @Override
    public Path storeDir(String storeName) {
        return taskDir == null ? null : taskDir.resolve(storeName);
    }

    /** Asks the thread to commit after the current record. */
    public void requestCommit() {
        commitRequested = true;
    }

    boolean takeCommitRequest() {
        boolean r = commitRequested;
        commitRequested = false;
        return r;
    }

    /**
     * Schedules {@code punctuator} for {@code node}: stream-time schedules fire on multiples of the interval,
     * wall-clock ones {@code interval} after now and then every interval.
     */
    public Cancellable schedule(ProcessorNode node, long intervalMs, PunctuationType type, Punctuator punctuator) {
        if (intervalMs < 1) {
            throw new IllegalArgumentException("interval : " + intervalMs + " ms (expected: at least 1 ms)");
        }
        long first = type == PunctuationType.STREAM_TIME ? 0 : time.milliseconds() + intervalMs;
        Schedule s = new Schedule(node, intervalMs, type, punctuator, first);
        schedules.add(s);
        return () -> s.cancelled = true;
    }

    /** Fires the due punctuations of {@code type} at {@code now}; returns whether any fired. */
    boolean punctuate(PunctuationType type, long now) {
        if (schedules.isEmpty() || now < 0) {
            return false;
        }
        boolean fired = false;
        for (Schedule s : List.copyOf(schedules)) {
            if (s.cancelled) {
                schedules.remove(s);
                continue;
            }
            if (s.type != type || now < s.next) {
                continue;
            }
            // the next time on the schedule's grid after now: missed intervals fire once, not once each
            s.next = now - Math.floorMod(now - s.next, s.interval) + s.interval;
            String savedTopic = topic;
            int savedPartition = recordPartition;
            long savedOffset = offset;
            long savedTimestamp = timestamp;
            List<Header> savedHeaders = headers;
            topic = null;
            recordPartition = -1;
            offset = -1;
            timestamp = now;
            headers = List.of();
            try {
                s.punctuator.punctuate(now);
            } catch (RuntimeException e) {
                throw new StreamsException("a punctuation of processor " + s.node.name() + " failed: " + e.getMessage(),
                    e);
            } finally {
                topic = savedTopic;
                recordPartition = savedPartition;
                offset = savedOffset;
                timestamp = savedTimestamp;
                headers = savedHeaders;
            }
            fired = true;
        }
        return fired;
    }

    // ---- runtime settings (error handlers) ------------------------------------------------------------------

    private DeserializationExceptionHandler deserializationHandler = new LogAndFailExceptionHandler();
    private ProductionExceptionHandler productionHandler = new DefaultProductionExceptionHandler();

    /** Sets the exception handlers the task's source and sink nodes consult. */
    public void setExceptionHandlers(DeserializationExceptionHandler deserialization,
                                     ProductionExceptionHandler production) {
        this.deserializationHandler = deserialization;
        this.productionHandler = production;
    }

    DeserializationExceptionHandler deserializationHandler() {
        return deserializationHandler;
    }

    ProductionExceptionHandler productionHandler() {
        return productionHandler;
    }

    /** Whether a punctuation of {@code type} is due at {@code now} (it may write to stores when it fires). */
    boolean punctuationDue(PunctuationType type, long now) {
        for (Schedule s : schedules) {
            if (s.type == type && !s.cancelled && now >= s.next) {
                return true;
            }
        }
        return false;
    }

    private static final class Schedule {
        final ProcessorNode node;
        final long interval;
        final PunctuationType type;
        final Punctuator punctuator;
        long next;
        volatile boolean cancelled;

        Schedule(ProcessorNode node, long interval, PunctuationType type, Punctuator punctuator, long next) {
            this.node = node;
            this.interval = interval;
            this.type = type;
            this.punctuator = punctuator;
            this.next = next;
        }
    }
}
