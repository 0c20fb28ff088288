package io.tributary.broker.group;

import io.tributary.common.Errors;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed offsets of the classic groups of a {@link GroupCoordinator}: OffsetCommit validation against the
 * group's members and generation, OffsetFetch, OffsetDelete and DeleteGroups. Offsets live in each group (under its
 * lock) and are written through an {@link OffsetStore} before they are applied; {@link #load()} replays the store.
 * Offsets of a deleted topic are removed ({@link #removeOffsetsOfTopic}).
 *
 * <p>Retention (offsets.retention.minutes): {@link #expireOffsets()}, run every offsets.retention.check.interval.ms
 * once {@link #start} is called, removes the offsets of Empty groups whose retention has passed, counted from the
 * later of the commit and the moment the group became Empty (only from the commit for groups that never had
 * members, e.g. assign()-mode consumers and admin resets, which have no stored group state). Expired offsets are tombstoned in the store before they leave memory;
 * an Empty group left with no offsets is forgotten (Dead), as in Kafka.
 */
public final class OffsetManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetManager.class);

    private final GroupCoordinator groups;
    private final GroupConfig config;
    private final Time time;
    private final OffsetStore store;
    private volatile ScheduledFuture<?> expiry;

    public OffsetManager(GroupCoordinator groups, GroupConfig config, Time time, OffsetStore store) {
        this.groups = groups;
        this.config = config;
        this.time = time;
        this.store = store;
    }

    /** Replays the offset store into memory: committed offsets and group states ({@link GroupCoordinator#restore}). */
    public void load() {
        int[] count = new int[1];
        store.load(new OffsetStore.Loader() {
            @Override
            public void accept(String groupId, TopicPartition tp, CommittedOffset offset) {
                Group g = groups.groupOrCreate(groupId);
                synchronized (g) {
                    if (offset == null) {
                        g.offsets.remove(tp);
                    } else {
                        g.offsets.put(tp, offset);
                    }
                }
                count[0]++;
            }

            @Override
            public void acceptGroup(String groupId, GroupSnapshot group) {
                groups.restore(groupId, group);
                count[0]++;
            }
        });
        groups.removeUnused();
        LOG.info("loaded {} offset records of {} groups", count[0], groups.groupCount());
    }

    /** Schedules {@link #expireOffsets()} every offsets.retention.check.interval.ms on {@code scheduler}. */
    public void start(ScheduledExecutorService scheduler) {
        long every = config.offsetsRetentionCheckIntervalMs();
        expiry = scheduler.scheduleWithFixedDelay(() -> {
            try {
                expireOffsets();
            } catch (RuntimeException e) {
                LOG.error("offset expiry failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ScheduledFuture<?> f = expiry;
        if (f != null) {
            f.cancel(false);
        }
    }

    /**
     * Removes the committed offsets whose retention has passed from every Empty group (tombstones written first; a
     * group whose write fails keeps its offsets until the next check) and forgets Empty groups left with no
     * offsets. Returns how many offsets expired.
     */
    public int expireOffsets() {
        long now = time.milliseconds();
        long retention = config.offsetsRetentionMs();
        int expired = 0;
        for (Group g : groups.allGroups()) {
            synchronized (g) {
                if (!g.is(GroupState.EMPTY) || !g.members.isEmpty() || !g.pendingMembers.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, CommittedOffset> tombstones = new HashMap<>();
                for (Map.Entry<TopicPartition, CommittedOffset> e : g.offsets.entrySet()) {
                    long base = Math.max(g.emptySinceMs, e.getValue().commitTimestampMs());
                    if (now - base >= retention) {
                        tombstones.put(e.getKey(), null);
                    }
                }
                if (!tombstones.isEmpty()) {
                    try {
                        store.write(g.groupId, tombstones);
                    } catch (TributaryException e) {
                        LOG.error("group {}: writing {} expired offsets failed", g.groupId, tombstones.size(), e);
                        continue;
                    }
                    tombstones.keySet().forEach(g.offsets::remove);
                    expired += tombstones.size();
                    LOG.info("group {}: {} committed offsets expired", g.groupId, tombstones.size());
                }
                if (g.offsets.isEmpty()) {
                    try {
                        groups.forgetStoredState(g);
                    } catch (TributaryException e) {
                        LOG.error("group {}: deleting the group state failed", g.groupId, e);
                        continue;
                    }
                    g.state = GroupState.DEAD;
                    groups.remove(g);
                    LOG.info("group {}: empty without offsets, removed", g.groupId);
                }
            }
        }
        return expired;
    }


    /**
     * OffsetCommit. Generation -1 (with any member id) commits as a "simple" group, allowed only when the group is
     * Empty or unknown; otherwise the member and generation must be current and the group not CompletingRebalance.
     * Returns the error of every partition.
     */
    public Map<TopicPartition, Errors> commitOffsets(String groupId, int generationId, String memberId,
                                                     String groupInstanceId, Map<TopicPartition, CommittedOffset> offsets) {
        Group g = groups.group(groupId);
        if (g == null) {
            if (generationId >= 0) {
                return all(offsets.keySet(), Errors.ILLEGAL_GENERATION);
            }
            g = groups.groupOrCreate(groupId);
        }
        synchronized (g) {
            Errors error = validateCommit(g, generationId, memberId, groupInstanceId);
            if (error != Errors.NONE) {
                return all(offsets.keySet(), error);
            }
            Map<TopicPartition, Errors> result = new HashMap<>();
            Map<TopicPartition, CommittedOffset> accepted = new HashMap<>();
            for (Map.Entry<TopicPartition, CommittedOffset> e : offsets.entrySet()) {
                String md = e.getValue().metadata();
                if (md != null && md.getBytes(StandardCharsets.UTF_8).length > config.maxMetadataBytes()) {
                    result.put(e.getKey(), Errors.OFFSET_METADATA_TOO_LARGE);
                } else {
                    accepted.put(e.getKey(), e.getValue());
                }
            }
            if (!accepted.isEmpty()) {
                Errors written = Errors.NONE;
                try {
                    store.write(groupId, accepted);
                    g.offsets.putAll(accepted);
                } catch (TributaryException e) {
                    LOG.error("group {}: writing {} offsets failed", groupId, accepted.size(), e);
                    written = Errors.COORDINATOR_NOT_AVAILABLE;
                }
                for (TopicPartition tp : accepted.keySet()) {
                    result.put(tp, written);
                }
            }
            return result;
        }
    }

    private Errors validateCommit(Group g, int generationId, String memberId, String instanceId) {
        if (g.is(GroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (generationId < 0 && g.is(GroupState.EMPTY)) {
            return Errors.NONE;
        }
        Errors fenced = GroupCoordinator.checkInstance(g, memberId, instanceId);
        if (fenced != Errors.NONE) {
            return fenced;
        }
        Member m = g.members.get(memberId);
        if (m == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (generationId != g.generationId) {
            return Errors.ILLEGAL_GENERATION;
        }
        if (g.is(GroupState.COMPLETING_REBALANCE)) {
            return Errors.REBALANCE_IN_PROGRESS;
        }
        m.sessionDeadlineMs = time.milliseconds() + m.sessionTimeoutMs;
        return Errors.NONE;
    }

    private static Map<TopicPartition, Errors> all(Collection<TopicPartition> tps, Errors error) {
        Map<TopicPartition, Errors> m = new HashMap<>();
        tps.forEach(tp -> m.put(tp, error));
        return m;
    }

    /** The committed offsets of {@code partitions} (all of the group's when null); absent entries have none. */
    public Map<TopicPartition, CommittedOffset> fetchOffsets(String groupId, Collection<TopicPartition> partitions) {
        Group g = groups.group(groupId);
        if (g == null) {
            return Map.of();
        }
        synchronized (g) {
            if (partitions == null) {
                return new HashMap<>(g.offsets);
            }
            Map<TopicPartition, CommittedOffset> m = new HashMap<>();
            for (TopicPartition tp : partitions) {
                CommittedOffset o = g.offsets.get(tp);
                if (o != null) {
                    m.put(tp, o);
                }
            }
            return m;
        }
    }

    /**
     * OffsetDelete: removes committed offsets of a group. Only an Empty group may lose offsets here (a group with
     * members gets GROUP_SUBSCRIBED_TO_TOPIC for every partition; the broker does not read subscriptions yet).
     *
     * @return the group-level error (GROUP_ID_NOT_FOUND, COORDINATOR_NOT_AVAILABLE) or per-partition errors
     */
    public Map<TopicPartition, Errors> deleteOffsets(String groupId, Collection<TopicPartition> partitions) {
        Group g = groups.group(groupId);
        if (g == null) {
            throw new TributaryException(Errors.GROUP_ID_NOT_FOUND, "no group " + groupId);
        }
        synchronized (g) {
            if (g.is(GroupState.DEAD)) {
                throw new TributaryException(Errors.GROUP_ID_NOT_FOUND, "no group " + groupId);
            }
            if (!g.is(GroupState.EMPTY)) {
                return all(partitions, Errors.GROUP_SUBSCRIBED_TO_TOPIC);
            }
            Map<TopicPartition, CommittedOffset> tombstones = new HashMap<>();
            for (TopicPartition tp : partitions) {
                if (g.offsets.containsKey(tp)) {
                    tombstones.put(tp, null);
                }
            }
            if (!tombstones.isEmpty()) {
                store.write(groupId, tombstones);
                tombstones.keySet().forEach(g.offsets::remove);
            }
            return all(partitions, Errors.NONE);
        }
    }

    /** DeleteGroups for one group: only an Empty group can go (NON_EMPTY_GROUP otherwise); its offsets are deleted. */
    public Errors deleteGroup(String groupId) {
        Group g = groups.group(groupId);
        if (g == null) {
            return Errors.GROUP_ID_NOT_FOUND;
        }
        synchronized (g) {
            if (g.is(GroupState.DEAD)) {
                return Errors.GROUP_ID_NOT_FOUND;
            }
            if (!g.is(GroupState.EMPTY) || !g.pendingMembers.isEmpty()) {
                return Errors.NON_EMPTY_GROUP;
            }
            if (!g.offsets.isEmpty()) {
                Map<TopicPartition, CommittedOffset> tombstones = new HashMap<>();
                g.offsets.keySet().forEach(tp -> tombstones.put(tp, null));
                try {
                    store.write(groupId, tombstones);
                } catch (TributaryException e) {
                    LOG.error("group {}: deleting offsets failed", groupId, e);
                    return Errors.COORDINATOR_NOT_AVAILABLE;
                }
                g.offsets.clear();
            }
            try {
                groups.forgetStoredState(g);
            } catch (TributaryException e) {
                LOG.error("group {}: deleting the group state failed", g.groupId, e);
                return Errors.COORDINATOR_NOT_AVAILABLE;
            }
            g.state = GroupState.DEAD;
            groups.remove(g);
            LOG.info("group {} deleted", groupId);
            return Errors.NONE;
        }
    }

    /** Deletes every group's committed offsets of a deleted topic (tombstones first); returns how many went. */
    public int removeOffsetsOfTopic(String topic) {
        int removed = 0;
        for (Group g : groups.allGroups()) {
            synchronized (g) {
                Map<TopicPartition, CommittedOffset> tombstones = new HashMap<>();
                g.offsets.keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(tp -> tombstones.put(tp, null));
                if (tombstones.isEmpty()) {
                    continue;
                }
                try {
                    store.write(g.groupId, tombstones);
                } catch (TributaryException e) {
                    LOG.error("group {}: deleting offsets of topic {} failed", g.groupId, topic, e);
                    continue;
                }
                tombstones.keySet().forEach(g.offsets::remove);
                removed += tombstones.size();
            }
        }
        if (removed > 0) {
            LOG.info("removed {} committed offsets of deleted topic {}", removed, topic);
        }
        return removed;
    }
}
