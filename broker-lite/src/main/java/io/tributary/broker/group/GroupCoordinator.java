package io.tributary.broker.group;

import io.tributary.common.Errors;
import io.tributary.common.Time;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic group coordinator of a single node: per group the state machine Empty → PreparingRebalance →
 * CompletingRebalance → Stable (→ Dead once deleted by {@link OffsetManager#deleteGroup}), member sessions, and
 * ListGroups/DescribeGroups views. Committed offsets are handled by {@link OffsetManager}.
 *
 * <p>Every change to a group happens under that group's monitor; futures of delayed JoinGroup and SyncGroup
 * answers are completed after the monitor is released. Timeouts (sessions, rebalance timeout, the initial
 * rebalance delay, members that never rejoin after MEMBER_ID_REQUIRED) are evaluated by {@link #tick()}, which
 * {@link #start} schedules every 100 ms; unit tests call it directly after moving a mock clock.
 *
 * <p>The group state ({@link GroupSnapshot}) is written to the {@link OffsetStore} when a rebalance completes
 * (leader's SyncGroup) and when the group becomes Empty, and tombstoned when the group goes away;
 * {@link #restore} rebuilds it at start-up, so a Stable group comes back with its generation, leader, members and
 * assignments, and each member must heartbeat within its session timeout (counted from the load) or is removed.
 * A failed state write is logged and does not fail the request: membership in memory stays right, only a restart
 * would miss it.
 *
 * <p>Not yet: group.max.size, the KIP-848 consumer protocol, and
 * static leaders that rejoin without a rebalance (a restarted static follower keeps its place and assignment under a
 * new member id; a restarted static leader gets a new member id and the group
 * rebalances).
 */
public final class GroupCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);
    static final long TICK_MS = 100;
    private static final byte[] EMPTY = new byte[0];

    private final GroupConfig config;
    private final Time time;
    private final OffsetStore store;
    private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> ticker;

    public GroupCoordinator(GroupConfig config, Time time) {
        this(config, time, OffsetStore.NONE);
    }

    /** A coordinator that persists group state to {@code store} (the same store as the committed offsets). */
    public GroupCoordinator(GroupConfig config, Time time, OffsetStore store) {
        this.config = config;
        this.time = time;
        this.store = store;
    }

    /** The persisted form of a group (called under its lock). */
    static GroupSnapshot snapshot(Group g, long now) {
        List<GroupSnapshot.MemberSnapshot> members = new ArrayList<>();
        for (Member m : g.members.values()) {
            members.add(new GroupSnapshot.MemberSnapshot(m.memberId, m.groupInstanceId, m.clientId, m.clientHost,
                m.sessionTimeoutMs, m.rebalanceTimeoutMs, g.protocolName == null ? EMPTY : m.metadata(g.protocolName),
                m.assignment));
        }
        return new GroupSnapshot(g.protocolType, g.generationId, g.protocolName, g.leaderId,
            g.is(GroupState.EMPTY) ? g.emptySinceMs : now, members);
    }

    /** Writes the group's state (under its lock); a failure is logged. */
    private void persist(Group g) {
        try {
            store.writeGroup(g.groupId, snapshot(g, time.milliseconds()));
            g.stateStored = true;
        } catch (io.tributary.common.TributaryException e) {
            LOG.error("group {}: writing the group state failed", g.groupId, e);
        }
    }

    /**
     * Tombstones the stored state of a group that is going away (under its lock).
     *
     * @throws io.tributary.common.TributaryException when the write fails
     */
    void forgetStoredState(Group g) {
        if (g.stateStored) {
            store.writeGroup(g.groupId, null);
            g.stateStored = false;
        }
    }

    /**
     * Rebuilds a group from its stored state at start-up (null: the group was deleted). A group with members comes
     * back Stable; every member's session counts from now.
     */
    void restore(String groupId, GroupSnapshot s) {
        Group g = groupOrCreate(groupId);
        synchronized (g) {
            g.members.clear();
            g.staticMembers.clear();
            g.pendingMembers.clear();
            if (s == null) {
                g.state = GroupState.EMPTY;
                g.generationId = 0;
                g.protocolType = null;
                g.protocolName = null;
                g.leaderId = null;
                g.emptySinceMs = -1;
                g.stateStored = false;
                return;
            }
            long now = time.milliseconds();
            g.stateStored = true;
            g.generationId = s.generationId();
            g.protocolType = s.protocolType();
            for (GroupSnapshot.MemberSnapshot ms : s.members()) {
                Member m = new Member(ms.memberId(), ms.groupInstanceId(), ms.clientId(), ms.clientHost(),
                    ms.sessionTimeoutMs(), ms.rebalanceTimeoutMs(),
                    List.of(new JoinProtocol(s.protocolName(), ms.subscription())));
                m.assignment = ms.assignment();
                m.sessionDeadlineMs = now + m.sessionTimeoutMs;
                g.members.put(m.memberId, m);
                if (m.groupInstanceId != null) {
                    g.staticMembers.put(m.groupInstanceId, m.memberId);
                }
            }
            if (g.members.isEmpty()) {
                g.state = GroupState.EMPTY;
                g.protocolName = null;
                g.leaderId = null;
                g.emptySinceMs = s.stateTimestampMs();
            } else {
                g.state = GroupState.STABLE;
                g.protocolName = s.protocolName();
                g.leaderId = s.leaderId();
            }
        }
    }

    /** The group, or null when unknown. */
    Group group(String groupId) {
        return groups.get(groupId);
    }

    /** The group, created Empty when unknown. */
    Group groupOrCreate(String groupId) {
        return groups.computeIfAbsent(groupId, Group::new);
    }

    /** Forgets a group that was just marked Dead (called under its lock). */
    void remove(Group g) {
        groups.remove(g.groupId, g);
    }

    /** Forgets groups without members, offsets or stored state (after loading). */
    void removeUnused() {
        groups.values().removeIf(g -> {
            synchronized (g) {
                return g.offsets.isEmpty() && g.members.isEmpty() && !g.stateStored;
            }
        });
    }

    /** Every group (a weakly consistent view). */
    java.util.Collection<Group> allGroups() {
        return groups.values();
    }

    int groupCount() {
        return groups.size();
    }

    /** What a JoinGroup asks for. {@code requireKnownMemberId} is true from JoinGroup v4 (KIP-394). */
    public record JoinRequest(String groupId, String memberId, String groupInstanceId, String clientId,
                              String clientHost, int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                              List<JoinProtocol> protocols, boolean requireKnownMemberId) {
    }

    /** One member named by a LeaveGroup. */
    public record LeavingMember(String memberId, String groupInstanceId) {
    }

    /** The answer to a LeaveGroup: a group-level error and one error per member, in request order. */
    public record LeaveResult(Errors error, List<Errors> memberErrors) {
    }

    /** A group as ListGroups shows it. */
    public record GroupOverview(String groupId, String protocolType, GroupState state) {
    }

    /** A group as DescribeGroups shows it; {@code protocolName} is empty unless a rebalance has completed. */
    public record GroupDescription(String groupId, GroupState state, String protocolType, String protocolName,
                                   List<MemberDescription> members) {
    }

    /** One member as DescribeGroups shows it: its metadata for the chosen protocol and its assignment. */
    public record MemberDescription(String memberId, String groupInstanceId, String clientId, String clientHost,
                                    byte[] metadata, byte[] assignment) {
    }

    /** Schedules {@link #tick()} on {@code scheduler}. */
    public void start(ScheduledExecutorService scheduler) {
        ticker = scheduler.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("group coordinator tick failed", e);
            }
        }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
    }

    // ---------------------------------------------------------------------------------------------- JoinGroup

    public CompletableFuture<JoinResult> join(JoinRequest r) {
        CompletableFuture<JoinResult> future = new CompletableFuture<>();
        if (r.groupId() == null || r.groupId().isEmpty()) {
            return done(future, JoinResult.error(Errors.INVALID_GROUP_ID, r.memberId()));
        }
        if (r.sessionTimeoutMs() < config.minSessionTimeoutMs() || r.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return done(future, JoinResult.error(Errors.INVALID_SESSION_TIMEOUT, r.memberId()));
        }
        if (r.protocolType() == null || r.protocolType().isEmpty() || r.protocols().isEmpty()) {
            return done(future, JoinResult.error(Errors.INCONSISTENT_GROUP_PROTOCOL, r.memberId()));
        }
        boolean newMember = r.memberId().isEmpty();
        Group group = newMember ? groups.computeIfAbsent(r.groupId(), Group::new) : groups.get(r.groupId());
        if (group == null) {
            return done(future, JoinResult.error(Errors.UNKNOWN_MEMBER_ID, r.memberId()));
        }
        List<Runnable> after = new ArrayList<>();
        synchronized (group) {
            JoinResult immediate = joinLocked(group, r, future, after);
            if (immediate != null) {
                future.complete(immediate);
            }
        }
        after.forEach(Runnable::run);
        return future;
    }

    private JoinResult joinLocked(Group g, JoinRequest r, CompletableFuture<JoinResult> future, List<Runnable> after) {
        long now = time.milliseconds();
        if (g.is(GroupState.DEAD)) {
            return JoinResult.error(Errors.COORDINATOR_NOT_AVAILABLE, r.memberId());
        }
        if (!g.members.isEmpty() && (!r.protocolType().equals(g.protocolType) || !supportsCommon(g, r.protocols()))) {
            return JoinResult.error(Errors.INCONSISTENT_GROUP_PROTOCOL, r.memberId());
        }
        String instanceId = r.groupInstanceId();
        if (r.memberId().isEmpty()) {
            if (instanceId != null) {
                String newId = instanceId + "-" + UUID.randomUUID();
                String oldId = g.staticMembers.get(instanceId);
                Member old = oldId == null ? null : g.members.remove(oldId);
                if (old != null) {
                    LOG.info("group {}: static member {} replaces {} with {}", g.groupId, instanceId, oldId, newId);
                    failPending(old, Errors.FENCED_INSTANCE_ID, after);
                    old.memberId = newId;
                    g.members.put(newId, old);
                    g.staticMembers.put(instanceId, newId);
                    if (oldId.equals(g.leaderId)) {
                        g.leaderId = newId;
                    }
                    boolean sameProtocols = old.sameProtocols(r.protocols());
                    update(old, r, now);
                    if (g.is(GroupState.STABLE) && sameProtocols && !newId.equals(g.leaderId)) {
                        // KIP-345: a restarted static follower takes its old place and assignment, no rebalance
                        persist(g);
                        return currentJoinResult(g, old);
                    }
                    old.awaitingJoin = future;
                    rebalanceOrTryComplete(g, after);
                    return null;
                }
                addMember(g, new Member(newId, instanceId, r.clientId(), r.clientHost(), r.sessionTimeoutMs(),
                    r.rebalanceTimeoutMs(), r.protocols()), r, future, after);
                return null;
            }
            String newId = (r.clientId() == null ? "" : r.clientId()) + "-" + UUID.randomUUID();
            if (r.requireKnownMemberId()) {
                g.pendingMembers.put(newId, now + r.sessionTimeoutMs());
                return JoinResult.error(Errors.MEMBER_ID_REQUIRED, newId);
            }
            addMember(g, new Member(newId, null, r.clientId(), r.clientHost(), r.sessionTimeoutMs(),
                r.rebalanceTimeoutMs(), r.protocols()), r, future, after);
            return null;
        }
        String memberId = r.memberId();
        if (g.pendingMembers.remove(memberId) != null) {
            addMember(g, new Member(memberId, instanceId, r.clientId(), r.clientHost(), r.sessionTimeoutMs(),
                r.rebalanceTimeoutMs(), r.protocols()), r, future, after);
            return null;
        }
        Member m = g.members.get(memberId);
        Errors fenced = checkInstance(g, memberId, instanceId);
        if (fenced != Errors.NONE) {
            return JoinResult.error(fenced, memberId);
        }
        if (m == null) {
            return JoinResult.error(Errors.UNKNOWN_MEMBER_ID, memberId);
        }
        boolean sameProtocols = m.sameProtocols(r.protocols());
        switch (g.state) {
            case PREPARING_REBALANCE -> {
                update(m, r, now);
                if (m.awaitingJoin != null) {
                    CompletableFuture<JoinResult> previous = m.awaitingJoin;
                    JoinResult retry = JoinResult.error(Errors.REBALANCE_IN_PROGRESS, memberId);
                    after.add(() -> previous.complete(retry));
                }
                m.awaitingJoin = future;
                g.rebalanceDeadlineMs = g.rebalanceStartedMs + g.maxRebalanceTimeoutMs();
                tryCompleteJoin(g, after);
                return null;
            }
            case COMPLETING_REBALANCE, STABLE -> {
                if (sameProtocols && (g.is(GroupState.COMPLETING_REBALANCE) || !memberId.equals(g.leaderId))) {
                    m.sessionDeadlineMs = now + m.sessionTimeoutMs;
                    return currentJoinResult(g, m);
                }
                update(m, r, now);
                m.awaitingJoin = future;
                prepareRebalance(g, after);
                return null;
            }
            default -> {
                return JoinResult.error(Errors.UNKNOWN_MEMBER_ID, memberId);
            }
        }
    }

    private static boolean supportsCommon(Group g, List<JoinProtocol> protocols) {
        for (JoinProtocol p : protocols) {
            boolean all = true;
            for (Member m : g.members.values()) {
                if (!m.supports(p.name())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private void update(Member m, JoinRequest r, long now) {
        m.clientId = r.clientId();
        m.clientHost = r.clientHost();
        m.sessionTimeoutMs = r.sessionTimeoutMs();
        m.rebalanceTimeoutMs = r.rebalanceTimeoutMs();
        m.protocols = r.protocols();
        m.sessionDeadlineMs = now + r.sessionTimeoutMs();
    }

    private void addMember(Group g, Member m, JoinRequest r, CompletableFuture<JoinResult> future,
                           List<Runnable> after) {
        long now = time.milliseconds();
        if (g.members.isEmpty()) {
            g.protocolType = r.protocolType();
        }
        m.sessionDeadlineMs = now + m.sessionTimeoutMs;
        m.awaitingJoin = future;
        g.members.put(m.memberId, m);
        if (m.groupInstanceId != null) {
            g.staticMembers.put(m.groupInstanceId, m.memberId);
        }
        LOG.debug("group {}: member {} joins", g.groupId, m.memberId);
        if (g.is(GroupState.PREPARING_REBALANCE) && g.initialDelayUntilMs >= 0) {
            g.initialDelayUntilMs = Math.min(now + config.initialRebalanceDelayMs(),
                g.rebalanceStartedMs + g.maxRebalanceTimeoutMs());
        }
        rebalanceOrTryComplete(g, after);
    }

    private void rebalanceOrTryComplete(Group g, List<Runnable> after) {
        if (g.is(GroupState.PREPARING_REBALANCE)) {
            g.rebalanceDeadlineMs = g.rebalanceStartedMs + g.maxRebalanceTimeoutMs();
            tryCompleteJoin(g, after);
        } else {
            prepareRebalance(g, after);
        }
    }

    private void prepareRebalance(Group g, List<Runnable> after) {
        long now = time.milliseconds();
        if (g.is(GroupState.COMPLETING_REBALANCE)) {
            for (Member m : g.members.values()) {
                m.assignment = EMPTY;
                if (m.awaitingSync != null) { // it waited in SyncGroup: give it a full session to rejoin
                    m.sessionDeadlineMs = Math.max(m.sessionDeadlineMs, now + m.sessionTimeoutMs);
                }
                failSync(m, Errors.REBALANCE_IN_PROGRESS, after);
            }
        }
        boolean fromEmpty = g.is(GroupState.EMPTY);
        g.state = GroupState.PREPARING_REBALANCE;
        g.rebalanceStartedMs = now;
        g.rebalanceDeadlineMs = now + g.maxRebalanceTimeoutMs();
        g.initialDelayUntilMs = fromEmpty && config.initialRebalanceDelayMs() > 0
            ? Math.min(now + config.initialRebalanceDelayMs(), g.rebalanceDeadlineMs) : -1;
        LOG.info("group {}: preparing rebalance (generation {}, {} members)", g.groupId, g.generationId,
            g.members.size());
        tryCompleteJoin(g, after);
    }

    private void tryCompleteJoin(Group g, List<Runnable> after) {
        if (!g.is(GroupState.PREPARING_REBALANCE)) {
            return;
        }
        long now = time.milliseconds();
        if (g.initialDelayUntilMs >= 0 && now < g.initialDelayUntilMs) {
            return;
        }
        if (g.allMembersJoined() || now >= g.rebalanceDeadlineMs) {
            completeJoin(g, after);
        }
    }

    private void completeJoin(Group g, List<Runnable> after) {
        long now = time.milliseconds();
        g.pendingMembers.clear();
        for (Member m : new ArrayList<>(g.members.values())) {
            if (m.awaitingJoin == null) {
                LOG.info("group {}: member {} did not rejoin in time and is removed", g.groupId, m.memberId);
                dropMember(g, m, after);
            }
        }
        g.initialDelayUntilMs = -1;
        g.generationId++;
        if (g.members.isEmpty()) {
            g.state = GroupState.EMPTY;
            g.protocolName = null;
            g.leaderId = null;
            g.emptySinceMs = now;
            persist(g);
            LOG.info("group {}: empty at generation {}", g.groupId, g.generationId);
            return;
        }
        g.protocolName = selectProtocol(g);
        if (g.leaderId == null || !g.members.containsKey(g.leaderId)) {
            g.leaderId = g.members.keySet().iterator().next();
        }
        g.state = GroupState.COMPLETING_REBALANCE;
        g.syncDeadlineMs = now + g.maxRebalanceTimeoutMs();
        LOG.info("group {}: generation {} with {} members, protocol {}, leader {}", g.groupId, g.generationId,
            g.members.size(), g.protocolName, g.leaderId);
        for (Member m : g.members.values()) {
            JoinResult result = currentJoinResult(g, m);
            CompletableFuture<JoinResult> f = m.awaitingJoin;
            m.awaitingJoin = null;
            m.sessionDeadlineMs = now + m.sessionTimeoutMs;
            after.add(() -> f.complete(result));
        }
    }

    private static JoinResult currentJoinResult(Group g, Member m) {
        List<JoinResult.MemberInfo> members = new ArrayList<>();
        if (m.memberId.equals(g.leaderId)) {
            for (Member other : g.members.values()) {
                members.add(new JoinResult.MemberInfo(other.memberId, other.groupInstanceId,
                    other.metadata(g.protocolName)));
            }
        }
        return new JoinResult(Errors.NONE, g.generationId, g.protocolType, g.protocolName, g.leaderId, m.memberId,
            members);
    }

    /** The protocol every member supports that most members list first among those (ties: the first member's order). */
    private static String selectProtocol(Group g) {
        List<String> candidates = new ArrayList<>();
        Member first = g.members.values().iterator().next();
        for (JoinProtocol p : first.protocols) {
            if (g.members.values().stream().allMatch(m -> m.supports(p.name()))) {
                candidates.add(p.name());
            }
        }
        Map<String, Integer> votes = new LinkedHashMap<>();
        candidates.forEach(c -> votes.put(c, 0));
        for (Member m : g.members.values()) {
            for (JoinProtocol p : m.protocols) {
                if (votes.containsKey(p.name())) {
                    votes.merge(p.name(), 1, Integer::sum);
                    break;
                }
            }
        }
        String best = null;
        int most = -1;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    // ---------------------------------------------------------------------------------------------- SyncGroup

    public CompletableFuture<SyncResult> sync(String groupId, int generationId, String memberId,
                                              String groupInstanceId, String protocolType, String protocolName,
                                              Map<String, byte[]> assignments) {
        CompletableFuture<SyncResult> future = new CompletableFuture<>();
        if (groupId == null || groupId.isEmpty()) {
            return done(future, SyncResult.error(Errors.INVALID_GROUP_ID));
        }
        Group g = groups.get(groupId);
        if (g == null) {
            return done(future, SyncResult.error(Errors.UNKNOWN_MEMBER_ID));
        }
        List<Runnable> after = new ArrayList<>();
        synchronized (g) {
            SyncResult immediate = syncLocked(g, generationId, memberId, groupInstanceId, protocolType, protocolName,
                assignments, future, after);
            if (immediate != null) {
                future.complete(immediate);
            }
        }
        after.forEach(Runnable::run);
        return future;
    }

    private SyncResult syncLocked(Group g, int generationId, String memberId, String instanceId, String protocolType,
                                  String protocolName, Map<String, byte[]> assignments,
                                  CompletableFuture<SyncResult> future, List<Runnable> after) {
        if (g.is(GroupState.DEAD)) {
            return SyncResult.error(Errors.COORDINATOR_NOT_AVAILABLE);
        }
        Errors fenced = checkInstance(g, memberId, instanceId);
        if (fenced != Errors.NONE) {
            return SyncResult.error(fenced);
        }
        Member m = g.members.get(memberId);
        if (m == null) {
            return SyncResult.error(Errors.UNKNOWN_MEMBER_ID);
        }
        if (generationId != g.generationId) {
            return SyncResult.error(Errors.ILLEGAL_GENERATION);
        }
        if ((protocolType != null && !protocolType.equals(g.protocolType))
            || (protocolName != null && !protocolName.equals(g.protocolName))) {
            return SyncResult.error(Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        m.sessionDeadlineMs = time.milliseconds() + m.sessionTimeoutMs;
        switch (g.state) {
            case PREPARING_REBALANCE -> {
                return SyncResult.error(Errors.REBALANCE_IN_PROGRESS);
            }
            case STABLE -> {
                return new SyncResult(Errors.NONE, g.protocolType, g.protocolName, m.assignment);
            }
            case COMPLETING_REBALANCE -> {
                failSync(m, Errors.REBALANCE_IN_PROGRESS, after);
                m.awaitingSync = future;
                if (memberId.equals(g.leaderId)) {
                    for (Member each : g.members.values()) {
                        byte[] a = assignments.get(each.memberId);
                        each.assignment = a == null ? EMPTY : a;
                    }
                    g.state = GroupState.STABLE;
                    LOG.info("group {}: stable at generation {}", g.groupId, g.generationId);
                    persist(g);
                    for (Member each : g.members.values()) {
                        if (each.awaitingSync != null) {
                            CompletableFuture<SyncResult> f = each.awaitingSync;
                            SyncResult result = new SyncResult(Errors.NONE, g.protocolType, g.protocolName,
                                each.assignment);
                            each.awaitingSync = null;
                            each.sessionDeadlineMs = time.milliseconds() + each.sessionTimeoutMs;
                            after.add(() -> f.complete(result));
                        }
                    }
                }
                return null;
            }
            default -> {
                return SyncResult.error(Errors.UNKNOWN_MEMBER_ID);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- Heartbeat

    public Errors heartbeat(String groupId, int generationId, String memberId, String groupInstanceId) {
        if (groupId == null || groupId.isEmpty()) {
            return Errors.INVALID_GROUP_ID;
        }
        Group g = groups.get(groupId);
        if (g == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        synchronized (g) {
            switch (g.state) {
                case DEAD:
                    return Errors.COORDINATOR_NOT_AVAILABLE;
                case EMPTY:
                    return Errors.UNKNOWN_MEMBER_ID;
                default:
                    break;
            }
            Errors fenced = checkInstance(g, memberId, groupInstanceId);
            if (fenced != Errors.NONE) {
                return fenced;
            }
            Member m = g.members.get(memberId);
            if (g.is(GroupState.PREPARING_REBALANCE)) {
                if (m != null) {
                    m.sessionDeadlineMs = time.milliseconds() + m.sessionTimeoutMs;
                }
                return Errors.REBALANCE_IN_PROGRESS;
            }
            if (m == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            if (generationId != g.generationId) {
                return Errors.ILLEGAL_GENERATION;
            }
            m.sessionDeadlineMs = time.milliseconds() + m.sessionTimeoutMs;
            return Errors.NONE;
        }
    }

    // ---------------------------------------------------------------------------------------------- LeaveGroup

    public LeaveResult leave(String groupId, List<LeavingMember> leaving) {
        if (groupId == null || groupId.isEmpty()) {
            return new LeaveResult(Errors.INVALID_GROUP_ID, leaving.stream().map(l -> Errors.INVALID_GROUP_ID).toList());
        }
        Group g = groups.get(groupId);
        List<Errors> errors = new ArrayList<>();
        if (g == null) {
            leaving.forEach(l -> errors.add(Errors.UNKNOWN_MEMBER_ID));
            return new LeaveResult(Errors.NONE, errors);
        }
        List<Runnable> after = new ArrayList<>();
        synchronized (g) {
            if (g.is(GroupState.DEAD)) {
                return new LeaveResult(Errors.COORDINATOR_NOT_AVAILABLE, List.of());
            }
            for (LeavingMember l : leaving) {
                String memberId = l.memberId() == null ? "" : l.memberId();
                if (memberId.isEmpty() && l.groupInstanceId() != null) {
                    memberId = g.staticMembers.getOrDefault(l.groupInstanceId(), "");
                } else {
                    Errors fenced = checkInstance(g, memberId, l.groupInstanceId());
                    if (fenced != Errors.NONE) {
                        errors.add(fenced);
                        continue;
                    }
                }
                if (g.pendingMembers.remove(memberId) != null) {
                    errors.add(Errors.NONE);
                    tryCompleteJoin(g, after);
                    continue;
                }
                Member m = g.members.get(memberId);
                if (m == null) {
                    errors.add(Errors.UNKNOWN_MEMBER_ID);
                    continue;
                }
                LOG.info("group {}: member {} leaves", g.groupId, memberId);
                removeMember(g, m, after);
                errors.add(Errors.NONE);
            }
        }
        after.forEach(Runnable::run);
        return new LeaveResult(Errors.NONE, errors);
    }

    /** Removes a member and starts (or tries to finish) a rebalance. */
    private void removeMember(Group g, Member m, List<Runnable> after) {
        dropMember(g, m, after);
        if (g.is(GroupState.STABLE) || g.is(GroupState.COMPLETING_REBALANCE)) {
            prepareRebalance(g, after);
        } else {
            tryCompleteJoin(g, after);
        }
    }

    private void dropMember(Group g, Member m, List<Runnable> after) {
        g.members.remove(m.memberId);
        if (m.groupInstanceId != null && m.memberId.equals(g.staticMembers.get(m.groupInstanceId))) {
            g.staticMembers.remove(m.groupInstanceId);
        }
        failPending(m, Errors.UNKNOWN_MEMBER_ID, after);
    }

    private static void failPending(Member m, Errors error, List<Runnable> after) {
        if (m.awaitingJoin != null) {
            CompletableFuture<JoinResult> f = m.awaitingJoin;
            JoinResult r = JoinResult.error(error, m.memberId);
            after.add(() -> f.complete(r));
            m.awaitingJoin = null;
        }
        failSync(m, error, after);
    }

    private static void failSync(Member m, Errors error, List<Runnable> after) {
        if (m.awaitingSync != null) {
            CompletableFuture<SyncResult> f = m.awaitingSync;
            after.add(() -> f.complete(SyncResult.error(error)));
            m.awaitingSync = null;
        }
    }

    /** FENCED_INSTANCE_ID when {@code instanceId} belongs to another member id. */
    static Errors checkInstance(Group g, String memberId, String instanceId) {
        if (instanceId == null) {
            return Errors.NONE;
        }
        String owner = g.staticMembers.get(instanceId);
        return owner != null && !owner.equals(memberId) ? Errors.FENCED_INSTANCE_ID : Errors.NONE;
    }

    // ---------------------------------------------------------------------------------------------- timeouts

    /**
     * Expires what is due: sessions (of members not waiting in JoinGroup or SyncGroup), MEMBER_ID_REQUIRED
     * reservations, the initial rebalance delay, the rebalance timeout of PreparingRebalance (members that did not
     * rejoin are removed) and of CompletingRebalance (members that sent no SyncGroup, e.g. a silent leader, are
     * removed, which starts a new rebalance).
     */
    public void tick() {
        for (Group g : groups.values()) {
            List<Runnable> after = new ArrayList<>();
            synchronized (g) {
                long now = time.milliseconds();
                if (g.pendingMembers.values().removeIf(deadline -> deadline <= now)) {
                    tryCompleteJoin(g, after);
                }
                for (Member m : new ArrayList<>(g.members.values())) {
                    if (m.awaitingJoin == null && m.awaitingSync == null && m.sessionDeadlineMs <= now
                        && g.members.containsKey(m.memberId)) {
                        LOG.info("group {}: session of member {} expired", g.groupId, m.memberId);
                        removeMember(g, m, after);
                    }
                }
                if (g.is(GroupState.COMPLETING_REBALANCE) && now >= g.syncDeadlineMs) {
                    List<Member> silent = g.members.values().stream().filter(m -> m.awaitingSync == null).toList();
                    for (Member m : silent) {
                        LOG.info("group {}: member {} sent no SyncGroup in time and is removed", g.groupId, m.memberId);
                        removeMember(g, m, after);
                    }
                }
                tryCompleteJoin(g, after);
            }
            after.forEach(Runnable::run);
        }
    }

    // ---------------------------------------------------------------------------------------------- admin

    /** Every known group (Dead ones are gone from the map). */
    public List<GroupOverview> listGroups() {
        List<GroupOverview> out = new ArrayList<>();
        for (Group g : groups.values()) {
            synchronized (g) {
                if (!g.is(GroupState.DEAD)) {
                    out.add(new GroupOverview(g.groupId, g.protocolType == null ? "" : g.protocolType, g.state));
                }
            }
        }
        return out;
    }

    /** The group, or a Dead description with no members when it is unknown (as Kafka answers). */
    public GroupDescription describeGroup(String groupId) {
        Group g = groups.get(groupId);
        if (g == null) {
            return new GroupDescription(groupId, GroupState.DEAD, "", "", List.of());
        }
        synchronized (g) {
            List<MemberDescription> members = new ArrayList<>();
            boolean stable = g.is(GroupState.STABLE);
            for (Member m : g.members.values()) {
                members.add(new MemberDescription(m.memberId, m.groupInstanceId, m.clientId == null ? "" : m.clientId,
                    m.clientHost == null ? "" : m.clientHost,
                    g.protocolName == null ? EMPTY : m.metadata(g.protocolName), stable ? m.assignment : EMPTY));
            }
            return new GroupDescription(groupId, g.state, g.protocolType == null ? "" : g.protocolType,
                g.is(GroupState.PREPARING_REBALANCE) || g.protocolName == null ? "" : g.protocolName, members);
        }
    }

    /** The state of a group, or empty when it is unknown (for tests and tools). */
    public java.util.Optional<GroupState> state(String groupId) {
        Group g = groups.get(groupId);
        if (g == null) {
            return java.util.Optional.empty();
        }
        synchronized (g) {
            return java.util.Optional.of(g.state);
        }
    }

    private static <T> CompletableFuture<T> done(CompletableFuture<T> f, T value) {
        f.complete(Objects.requireNonNull(value));
        return f;
    }
}
