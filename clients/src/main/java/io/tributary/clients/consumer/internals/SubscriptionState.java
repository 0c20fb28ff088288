package io.tributary.clients.consumer.internals;

import io.tributary.clients.consumer.ConsumerRebalanceListener;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the consumer reads: its subscription (topics, a pattern, or a manual assignment), the assigned partitions
 * and, per partition, the position (next offset to return), pause flag and pending offset reset. Used only by the
 * thread that polls.
 */
public final class SubscriptionState {
    /** How partitions are chosen. */
    public enum Mode { NONE, TOPICS, PATTERN, ASSIGNED }

    /** Where to start without a usable position. */
    public enum Reset { EARLIEST, LATEST, NONE }

    static final class PartitionState {
        Long position;
        boolean paused;
        Reset pendingReset;
        long highWatermark = -1;
    }

    private final Reset defaultReset;
    private Mode mode = Mode.NONE;
    private Set<String> topics = Set.of();
    private Pattern pattern;
    private ConsumerRebalanceListener listener;
    private final Map<TopicPartition, PartitionState> assigned = new LinkedHashMap<>();

    public SubscriptionState(Reset defaultReset) {
        this.defaultReset = defaultReset;
    }

    public Reset defaultReset() {
        return defaultReset;
    }

    public Mode mode() {
        return mode;
    }

    public void subscribe(Collection<String> names, ConsumerRebalanceListener l) {
        requireMode(Mode.TOPICS);
        mode = Mode.TOPICS;
        topics = Set.copyOf(new LinkedHashSet<>(names));
        listener = l;
    }

    public void subscribe(Pattern p, ConsumerRebalanceListener l) {
        requireMode(Mode.PATTERN);
        mode = Mode.PATTERN;
        pattern = p;
        topics = Set.of();
        listener = l;
    }

    /** For a pattern subscription: the topics that currently match. Returns true if they changed. */
    public boolean matchedTopics(Collection<String> names) {
        Set<String> now = new LinkedHashSet<>();
        for (String n : names) {
            if (pattern.matcher(n).matches()) {
                now.add(n);
            }
        }
        if (now.equals(topics)) {
            return false;
        }
        topics = Set.copyOf(now);
        return true;
    }

    public void assignFromUser(Collection<TopicPartition> partitions) {
        requireMode(Mode.ASSIGNED);
        mode = partitions.isEmpty() ? Mode.NONE : Mode.ASSIGNED;
        assigned.keySet().retainAll(Set.copyOf(partitions));
        for (TopicPartition tp : partitions) {
            assigned.computeIfAbsent(tp, k -> new PartitionState());
        }
    }

    private void requireMode(Mode wanted) {
        if (mode != Mode.NONE && mode != wanted) {
            throw new IllegalStateException("subscribe() to topics, subscribe() to a pattern and assign() are "
                + "mutually exclusive: call unsubscribe() first");
        }
    }

    public void unsubscribe() {
        mode = Mode.NONE;
        topics = Set.of();
        pattern = null;
        listener = null;
        assigned.clear();
    }

    public boolean usesGroup() {
        return mode == Mode.TOPICS || mode == Mode.PATTERN;
    }

    public Set<String> subscription() {
        return topics;
    }

    public Pattern pattern() {
        return pattern;
    }

    public ConsumerRebalanceListener listener() {
        return listener;
    }

    /** Adds partitions from a group assignment (keeping the state of those already held). */
    public void addAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            assigned.computeIfAbsent(tp, k -> new PartitionState());
        }
    }

    public void removeAssigned(Collection<TopicPartition> partitions) {
        partitions.forEach(assigned::remove);
    }

    public Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(assigned.keySet());
    }

    /** Assigned partitions in assignment order. */
    public List<TopicPartition> assignedList() {
        return new ArrayList<>(assigned.keySet());
    }

    public boolean isAssigned(TopicPartition tp) {
        return assigned.containsKey(tp);
    }

    private PartitionState state(TopicPartition tp) {
        PartitionState s = assigned.get(tp);
        if (s == null) {
            throw new IllegalStateException("no current assignment for partition " + tp);
        }
        return s;
    }

    /** The position, or null when unknown. */
    public Long position(TopicPartition tp) {
        PartitionState s = assigned.get(tp);
        return s == null ? null : s.position;
    }

    public void position(TopicPartition tp, long offset) {
        PartitionState s = state(tp);
        s.position = offset;
        s.pendingReset = null;
    }

    public void requestReset(TopicPartition tp, Reset reset) {
        PartitionState s = state(tp);
        s.pendingReset = reset;
        s.position = null;
    }

    public Reset pendingReset(TopicPartition tp) {
        PartitionState s = assigned.get(tp);
        return s == null ? null : s.pendingReset;
    }

    public void highWatermark(TopicPartition tp, long hw) {
        PartitionState s = assigned.get(tp);
        if (s != null) {
            s.highWatermark = hw;
        }
    }

    /** The high watermark the last fetch reported, or -1. */
    public long highWatermark(TopicPartition tp) {
        PartitionState s = assigned.get(tp);
        return s == null ? -1 : s.highWatermark;
    }

    public void pause(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> state(tp).paused = true);
    }

    public void resume(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> state(tp).paused = false);
    }

    public boolean isPaused(TopicPartition tp) {
        PartitionState s = assigned.get(tp);
        return s != null && s.paused;
    }

    public Set<TopicPartition> paused() {
        Set<TopicPartition> out = new LinkedHashSet<>();
        assigned.forEach((tp, s) -> {
            if (s.paused) {
                out.add(tp);
            }
        });
        return out;
    }

    /** Partitions whose position is unknown (needing a committed offset or a reset). */
    public List<TopicPartition> missingPositions() {
        List<TopicPartition> out = new ArrayList<>();
        assigned.forEach((tp, s) -> {
            if (s.position == null) {
                out.add(tp);
            }
        });
        return out;
    }

    /** Partitions that may be fetched now: assigned, not paused, with a position. */
    public List<TopicPartition> fetchable() {
        List<TopicPartition> out = new ArrayList<>();
        assigned.forEach((tp, s) -> {
            if (!s.paused && s.position != null) {
                out.add(tp);
            }
        });
        return out;
    }

    /** Positions of every partition that has one (what a commit of "everything consumed" sends). */
    public Map<TopicPartition, Long> allPositions() {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        assigned.forEach((tp, s) -> {
            if (s.position != null) {
                out.put(tp, s.position);
            }
        });
        return out;
    }
}
