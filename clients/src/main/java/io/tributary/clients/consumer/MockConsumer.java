package io.tributary.clients.consumer;

import io.tributary.clients.PartitionInfo;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link Consumer} for users' unit tests: no broker. Feed it records with {@link #addRecord}, simulate a group
 * rebalance with {@link #rebalance}, make the next poll fail with {@link #setPollException}, and read back what was
 * committed. Positions, seeks, pause/resume, beginning/end offsets and commits behave as on a real consumer.
 * Thread-safe (methods are synchronized) so a test may feed it from another thread.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class MockConsumer<K, V> implements Consumer<K, V> {
    private final String autoOffsetReset;
    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records = new HashMap<>();
    private final Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private final Map<TopicPartition, Long> beginningOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
    private final Map<String, List<PartitionInfo>> partitions = new HashMap<>();
    private final Set<TopicPartition> assigned = new LinkedHashSet<>();
    private final Set<TopicPartition> paused = new LinkedHashSet<>();
    private final Queue<Runnable> pollTasks = new ArrayDeque<>();
    private Set<String> subscription = Set.of();
    private Pattern pattern;
    private ConsumerRebalanceListener listener;
    private RuntimeException pollException;
    private boolean wakeup;
    private boolean closed;
    private boolean userAssigned;
    private int maxPollRecords = Integer.MAX_VALUE;

    /** A mock whose partitions without a position start at the beginning ({@code "earliest"}) or end. */
    public MockConsumer(String autoOffsetReset) {
        if (!List.of("earliest", "latest", "none").contains(autoOffsetReset)) {
            throw new IllegalArgumentException("autoOffsetReset : " + autoOffsetReset
                + " (expected: earliest, latest or none)");
        }
        this.autoOffsetReset = autoOffsetReset;
    }

    // ---- test controls -----------------------------------------------------------------------------------------

    /** Adds a record for the next polls; its partition must be assigned. */
    public synchronized void addRecord(ConsumerRecord<K, V> record) {
        TopicPartition tp = record.topicPartition();
        if (!assigned.contains(tp)) {
            throw new IllegalStateException("cannot add a record for unassigned partition " + tp);
        }
        records.computeIfAbsent(tp, k -> new ArrayList<>()).add(record);
        endOffsets.merge(tp, record.offset() + 1, Math::max);
    }

    /** Simulates a rebalance: the listener hears the old partitions revoked and these assigned. */
    public synchronized void rebalance(Collection<TopicPartition> newAssignment) {
        List<TopicPartition> old = new ArrayList<>(assigned);
        if (listener != null) {
            listener.onPartitionsRevoked(old);
        }
        assigned.clear();
        assigned.addAll(newAssignment);
        positions.keySet().retainAll(assigned);
        paused.retainAll(assigned);
        if (listener != null) {
            listener.onPartitionsAssigned(List.copyOf(newAssignment));
        }
    }

    /** Makes the next poll throw {@code e} (once). */
    public synchronized void setPollException(RuntimeException e) {
        this.pollException = e;
    }

    /** Runs {@code task} at the start of a later poll (one task per poll, in order). */
    public synchronized void schedulePollTask(Runnable task) {
        pollTasks.add(task);
    }

    public synchronized void updateBeginningOffsets(Map<TopicPartition, Long> offsets) {
        beginningOffsets.putAll(offsets);
    }

    public synchronized void updateEndOffsets(Map<TopicPartition, Long> offsets) {
        endOffsets.putAll(offsets);
    }

    public synchronized void updatePartitions(String topic, List<PartitionInfo> infos) {
        partitions.put(topic, List.copyOf(infos));
    }

    /** Limits the records one poll returns (default: all available). */
    public synchronized void maxPollRecords(int max) {
        this.maxPollRecords = max;
    }

    public synchronized boolean closed() {
        return closed;
    }

    /** Everything committed so far, by partition. */
    public synchronized Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
        return Map.copyOf(committed);
    }

    // ---- Consumer ---------------------------------------------------------------------------------------------

    @Override
    public synchronized void subscribe(Collection<String> topics, ConsumerRebalanceListener l) {
        ensureOpen();
        if (userAssigned) {
            throw new IllegalStateException("subscribe() and assign() are mutually exclusive");
        }
        subscription = Set.copyOf(topics);
        pattern = null;
        listener = l;
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, null);
    }

    @Override
    public synchronized void subscribe(Pattern p, ConsumerRebalanceListener l) {
        ensureOpen();
        pattern = p;
        subscription = Set.of();
        listener = l;
    }

    @Override
    public synchronized void unsubscribe() {
        ensureOpen();
        if (listener != null && !assigned.isEmpty()) {
            listener.onPartitionsRevoked(List.copyOf(assigned));
        }
        subscription = Set.of();
        pattern = null;
        listener = null;
        assigned.clear();
        positions.clear();
        paused.clear();
        userAssigned = false;
    }

    @Override
    public synchronized void assign(Collection<TopicPartition> ps) {
        ensureOpen();
        if (!subscription.isEmpty() || pattern != null) {
            throw new IllegalStateException("subscribe() and assign() are mutually exclusive");
        }
        assigned.clear();
        assigned.addAll(ps);
        positions.keySet().retainAll(assigned);
        userAssigned = !ps.isEmpty();
    }

    @Override
    public synchronized Set<TopicPartition> assignment() {
        return Set.copyOf(assigned);
    }

    @Override
    public synchronized Set<String> subscription() {
        return subscription;
    }

    @Override
    public synchronized ConsumerRecords<K, V> poll(Duration timeout) {
        ensureOpen();
        Runnable task = pollTasks.poll();
        if (task != null) {
            task.run();
        }
        if (wakeup) {
            wakeup = false;
            throw new WakeupException();
        }
        if (pollException != null) {
            RuntimeException e = pollException;
            pollException = null;
            throw e;
        }
        Map<TopicPartition, List<ConsumerRecord<K, V>>> out = new LinkedHashMap<>();
        int left = maxPollRecords;
        for (TopicPartition tp : assigned) {
            if (paused.contains(tp) || left == 0) {
                continue;
            }
            long position = position0(tp);
            for (ConsumerRecord<K, V> r : records.getOrDefault(tp, List.of())) {
                if (r.offset() >= position && left > 0) {
                    out.computeIfAbsent(tp, k -> new ArrayList<>()).add(r);
                    position = r.offset() + 1;
                    left--;
                }
            }
            positions.put(tp, position);
        }
        return out.isEmpty() ? ConsumerRecords.empty() : new ConsumerRecords<>(out);
    }

    private long position0(TopicPartition tp) {
        Long p = positions.get(tp);
        if (p != null) {
            return p;
        }
        OffsetAndMetadata c = committed.get(tp);
        if (c != null) {
            p = c.offset();
        } else if (autoOffsetReset.equals("earliest")) {
            p = beginningOffsets.getOrDefault(tp, 0L);
        } else if (autoOffsetReset.equals("latest")) {
            p = endOffsets.getOrDefault(tp, 0L);
        } else {
            throw new NoOffsetForPartitionException(Set.of(tp));
        }
        positions.put(tp, p);
        return p;
    }

    @Override
    public synchronized void commitSync() {
        commitSync(currentPositions());
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        ensureOpen();
        committed.putAll(offsets);
    }

    @Override
    public synchronized void commitAsync(OffsetCommitCallback callback) {
        commitAsync(currentPositions(), callback);
    }

    @Override
    public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                         OffsetCommitCallback callback) {
        commitSync(offsets);
        if (callback != null) {
            callback.onComplete(Map.copyOf(offsets), null);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> currentPositions() {
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        positions.forEach((tp, p) -> out.put(tp, new OffsetAndMetadata(p)));
        return out;
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> ps) {
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        ps.forEach(tp -> out.put(tp, committed.get(tp)));
        return out;
    }

    @Override
    public synchronized void seek(TopicPartition tp, long offset) {
        requireAssigned(tp);
        positions.put(tp, offset);
    }

    @Override
    public synchronized void seekToBeginning(Collection<TopicPartition> ps) {
        for (TopicPartition tp : ps.isEmpty() ? assigned : ps) {
            requireAssigned(tp);
            positions.put(tp, beginningOffsets.getOrDefault(tp, 0L));
        }
    }

    @Override
    public synchronized void seekToEnd(Collection<TopicPartition> ps) {
        for (TopicPartition tp : ps.isEmpty() ? assigned : ps) {
            requireAssigned(tp);
            positions.put(tp, endOffsets.getOrDefault(tp, 0L));
        }
    }

    @Override
    public synchronized long position(TopicPartition tp) {
        requireAssigned(tp);
        return position0(tp);
    }

    private void requireAssigned(TopicPartition tp) {
        if (!assigned.contains(tp)) {
            throw new IllegalStateException("no current assignment for partition " + tp);
        }
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> ts) {
        Map<TopicPartition, OffsetAndTimestamp> out = new LinkedHashMap<>();
        ts.forEach((tp, t) -> {
            OffsetAndTimestamp found = null;
            for (ConsumerRecord<K, V> r : records.getOrDefault(tp, List.of())) {
                if (r.timestamp() >= t) {
                    found = new OffsetAndTimestamp(r.offset(), r.timestamp());
                    break;
                }
            }
            out.put(tp, found);
        });
        return out;
    }

    @Override
    public synchronized Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> ps) {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        ps.forEach(tp -> out.put(tp, beginningOffsets.getOrDefault(tp, 0L)));
        return out;
    }

    @Override
    public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> ps) {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        ps.forEach(tp -> out.put(tp, endOffsets.getOrDefault(tp, 0L)));
        return out;
    }

    @Override
    public synchronized List<PartitionInfo> partitionsFor(String topic) {
        return partitions.getOrDefault(topic, List.of());
    }

    @Override
    public synchronized void pause(Collection<TopicPartition> ps) {
        ps.forEach(this::requireAssigned);
        paused.addAll(ps);
    }

    @Override
    public synchronized void resume(Collection<TopicPartition> ps) {
        paused.removeAll(ps);
    }

    @Override
    public synchronized Set<TopicPartition> paused() {
        return Set.copyOf(paused);
    }

    @Override
    public synchronized void wakeup() {
        wakeup = true;
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    @Override
    public synchronized void close(Duration timeout) {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this consumer has been closed");
        }
    }
}
