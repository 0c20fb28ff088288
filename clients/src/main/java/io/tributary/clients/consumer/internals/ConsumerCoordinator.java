package io.tributary.clients.consumer.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.consumer.ConsumerPartitionAssignor;
import io.tributary.clients.consumer.ConsumerPartitionAssignor.Assignment;
import io.tributary.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import io.tributary.clients.consumer.ConsumerPartitionAssignor.Subscription;
import io.tributary.clients.consumer.ConsumerRebalanceListener;
import io.tributary.clients.consumer.CooperativeStickyAssignor;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.internals.Metadata;
import io.tributary.clients.internals.NetworkClient;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's side of the classic group protocol: finds the group coordinator, joins (JoinGroup, the leader
 * runs the assignor, SyncGroup), applies the assignment with the rebalance listener (eager or cooperative, as the
 * assignors allow), heartbeats from a background thread, leaves when {@code max.poll.interval.ms} passes without a
 * poll, and commits and fetches offsets.
 *
 * <p>Joining is asynchronous so that {@code poll(timeout)} can return on time while a rebalance is under way: the
 * join continues on the next poll.
 */
public final class ConsumerCoordinator {
    private static final Logger log = LoggerFactory.getLogger(ConsumerCoordinator.class);
    private static final String PROTOCOL_TYPE = "consumer";
    private static final short OFFSET_COMMIT_MAX_VERSION = 9; // v10 names topics by id
    private static final short OFFSET_FETCH_MAX_VERSION = 9;

    /** Group settings. */
    public record Settings(String groupId, String groupInstanceId, int sessionTimeoutMs, int rebalanceTimeoutMs,
                           int heartbeatIntervalMs, boolean autoCommit, int autoCommitIntervalMs,
                           long retryBackoffMs, String clientId) {
    }

    private final Settings settings;
    private final NetworkClient network;
    private final Metadata metadata;
    private final SubscriptionState subscriptions;
    private final List<ConsumerPartitionAssignor> assignors;
    private final RebalanceProtocol protocol;
    private final Blocking blocking;
    private final ConcurrentLinkedQueue<Runnable> callbacks = new ConcurrentLinkedQueue<>();

    // group state, guarded by this
    private Node coordinator;
    private String memberId = "";
    private int generation = -1;
    private boolean rejoinNeeded = true;
    private boolean stable;
    private boolean membershipLost;
    private CompletableFuture<Assignment> joinFuture;
    private long retryJoinAtMs;
    private Map<String, Integer> assignedPartitionCounts = Map.of();
    private boolean leader;
    /** The topics of the subscription sent in the latest JoinGroup. */
    private Set<String> joinedTopics = Set.of();

    private volatile long lastPollMs = System.currentTimeMillis();
    private long nextAutoCommitMs;
    private final Thread heartbeat;
    private volatile boolean closed;

    public ConsumerCoordinator(Settings settings, NetworkClient network, Metadata metadata,
                               SubscriptionState subscriptions, List<ConsumerPartitionAssignor> assignors,
                               Blocking blocking) {
        this.settings = settings;
        this.network = network;
        this.metadata = metadata;
        this.subscriptions = subscriptions;
        this.assignors = List.copyOf(assignors);
        this.blocking = blocking;
        boolean allCooperative = assignors.stream()
            .allMatch(a -> a.supportedProtocols().contains(RebalanceProtocol.COOPERATIVE));
        this.protocol = allCooperative ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER;
        this.nextAutoCommitMs = System.currentTimeMillis() + settings.autoCommitIntervalMs();
        this.heartbeat = new Thread(this::heartbeatLoop, "tributary-heartbeat-thread | " + settings.clientId());
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    public String groupId() {
        return settings.groupId();
    }

    public synchronized String memberId() {
        return memberId;
    }

    public synchronized int generation() {
        return generation;
    }

    /** Runs queued commit callbacks on the caller's (the polling) thread. */
    public void runCallbacks() {
        Runnable r;
        while ((r = callbacks.poll()) != null) {
            r.run();
        }
    }

    /** Asks for a rebalance on the next poll (subscription changed). */
    public synchronized void requestRejoin() {
        rejoinNeeded = true;
    }

    /**
     * Takes part in the group until {@code deadlineMs}; returns true when the member has a current assignment
     * (fetching may go on), false while a join is still under way.
     */
    public boolean poll(long deadlineMs) {
        long now = System.currentTimeMillis();
        lastPollMs = now;
        runCallbacks();
        if (!subscriptions.usesGroup()) {
            maybeAutoCommit(now);
            return true;
        }
        if (subscriptions.mode() == SubscriptionState.Mode.PATTERN) {
            Cluster c = metadata.cluster();
            if (c.updatedAtMs() > 0 && subscriptions.matchedTopics(c.topics().keySet())) {
                metadata.setTopics(subscriptions.subscription());
                requestRejoin();
            }
        } else {
            metadata.setTopics(subscriptions.subscription());
        }
        checkLost();
        checkMetadataChanged();
        while (true) {
            CompletableFuture<Assignment> f;
            synchronized (this) {
                if (!rejoinNeeded && stable && joinFuture == null) {
                    break;
                }
                if (joinFuture == null) {
                    if (System.currentTimeMillis() < retryJoinAtMs) {
                        return false;
                    }
                    prepareJoin(deadlineMs);
                    joinFuture = join();
                }
                f = joinFuture;
            }
            try {
                blocking.await(f, deadlineMs, "the group join");
            } catch (io.tributary.common.TimeoutException e) {
                return false;
            } catch (RuntimeException e) {
                synchronized (this) {
                    joinFuture = null;
                }
                if (!isRetriable(e)) {
                    if (e instanceof io.tributary.clients.consumer.WakeupException) {
                        synchronized (this) {
                            joinFuture = f; // keep waiting for it next time
                        }
                    }
                    throw e;
                }
                log.debug("group {} join failed, retrying: {}", settings.groupId(), e.getMessage());
                synchronized (this) {
                    retryJoinAtMs = System.currentTimeMillis() + settings.retryBackoffMs();
                }
                return false;
            }
            Assignment assignment = Blocking.join(f);
            synchronized (this) {
                joinFuture = null;
            }
            complete(assignment);
        }
        maybeAutoCommit(System.currentTimeMillis());
        return true;
    }

    private static boolean isRetriable(RuntimeException e) {
        if (e instanceof TributaryException te) {
            Errors err = te.error();
            return te.isRetriable() || err == Errors.REBALANCE_IN_PROGRESS || err == Errors.UNKNOWN_MEMBER_ID
                || err == Errors.ILLEGAL_GENERATION || err == Errors.MEMBER_ID_REQUIRED;
        }
        return false;
    }

    private void checkLost() {
        boolean lost;
        synchronized (this) {
            lost = membershipLost;
            membershipLost = false;
        }
        if (lost && !subscriptions.assignedPartitions().isEmpty()) {
            List<TopicPartition> gone = subscriptions.assignedList();
            log.warn("group {}: membership lost; partitions {} are lost", settings.groupId(), gone);
            ConsumerRebalanceListener l = subscriptions.listener();
            try {
                if (l != null) {
                    l.onPartitionsLost(gone);
                }
            } finally {
                subscriptions.removeAssigned(gone);
            }
        }
    }

    private void checkMetadataChanged() {
        boolean isLeader;
        Map<String, Integer> snapshot;
        synchronized (this) {
            isLeader = leader && stable;
            snapshot = assignedPartitionCounts;
        }
        if (!isLeader) {
            return;
        }
        Cluster c = metadata.cluster();
        for (Map.Entry<String, Integer> e : snapshot.entrySet()) {
            List<?> ps = c.partitionsFor(e.getKey());
            if (!ps.isEmpty() && ps.size() != e.getValue()) {
                log.info("group {}: {} now has {} partitions; rebalancing", settings.groupId(), e.getKey(), ps.size());
                requestRejoin();
                return;
            }
        }
    }

    /**
     * Before (re)joining: commit, and with the eager protocol revoke everything. Both happen while the member is
     * still in its generation (a commit with it is accepted during a rebalance), and the listener runs before the
     * partitions are dropped, so that it can read positions and commit them.
     */
    private void prepareJoin(long deadlineMs) {
        if (settings.autoCommit() && !subscriptions.allPositions().isEmpty()) {
            try {
                commitSync(toOffsets(subscriptions.allPositions()), Math.max(deadlineMs,
                    System.currentTimeMillis() + 5000));
            } catch (RuntimeException e) {
                log.warn("group {}: auto-commit before rebalance failed: {}", settings.groupId(), e.getMessage());
            }
        }
        if (protocol == RebalanceProtocol.EAGER) {
            List<TopicPartition> revoked = subscriptions.assignedList();
            ConsumerRebalanceListener l = subscriptions.listener();
            try {
                if (l != null) {
                    l.onPartitionsRevoked(revoked);
                }
            } finally {
                subscriptions.removeAssigned(revoked);
            }
        }
        synchronized (this) {
            stable = false;
        }
    }

    private CompletableFuture<Assignment> join() {
        Set<String> topics = new TreeSet<>(subscriptions.subscription());
        List<TopicPartition> owned = protocol == RebalanceProtocol.COOPERATIVE ? subscriptions.assignedList()
            : List.of();
        int gen;
        synchronized (this) {
            gen = generation;
            joinedTopics = Set.copyOf(topics);
        }
        Map<String, ByteBuffer> metadataByProtocol = new LinkedHashMap<>();
        for (ConsumerPartitionAssignor a : assignors) {
            Subscription s = new Subscription(List.copyOf(topics), a.subscriptionUserData(topics), owned, gen, null);
            metadataByProtocol.put(a.name(), ConsumerProtocol.encodeSubscription(s));
        }
        return coordinatorNode().thenCompose(node -> sendJoin(node, metadataByProtocol));
    }

    private CompletableFuture<Assignment> sendJoin(Node node, Map<String, ByteBuffer> metadataByProtocol) {
        String id;
        synchronized (this) {
            id = memberId;
        }
        int timeout = settings.rebalanceTimeoutMs() + 5000;
        return network.send(node, ApiKey.JOIN_GROUP, v -> {
            Struct r = JoinGroupRequest.SCHEMA.newStruct().set("groupId", settings.groupId())
                .set("sessionTimeoutMs", settings.sessionTimeoutMs())
                .set("rebalanceTimeoutMs", settings.rebalanceTimeoutMs()).set("memberId", id)
                .set("groupInstanceId", settings.groupInstanceId()).set("protocolType", PROTOCOL_TYPE);
            metadataByProtocol.forEach((name, bytes) -> r.addElement("protocols").set("name", name)
                .set("metadata", toArray(bytes)));
            return r;
        }, ApiKey.JOIN_GROUP.latestVersion(), timeout, true).thenCompose(resp -> {
            Struct b = resp.body();
            Errors error = Errors.forCode(b.getInt16("errorCode"));
            synchronized (this) {
                switch (error) {
                    case NONE -> {
                    }
                    case MEMBER_ID_REQUIRED -> {
                        memberId = b.getString("memberId");
                        return sendJoin(node, metadataByProtocol);
                    }
                    case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                        memberId = "";
                        generation = -1;
                        throw error.exception("group " + settings.groupId());
                    }
                    case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> {
                        coordinator = null;
                        throw error.exception("group " + settings.groupId());
                    }
                    default -> throw error.exception("joining group " + settings.groupId());
                }
                memberId = b.getString("memberId");
                generation = b.getInt32("generationId");
                leader = memberId.equals(b.getString("leader"));
            }
            String protocolName = b.getString("protocolName");
            int gen = b.getInt32("generationId");
            String me = b.getString("memberId");
            CompletableFuture<Map<String, ByteBuffer>> assignments;
            if (me.equals(b.getString("leader"))) {
                assignments = lead(protocolName, b.getStructs("members"));
            } else {
                assignments = CompletableFuture.completedFuture(Map.of());
            }
            return assignments.thenCompose(a -> sendSync(node, gen, me, protocolName, a));
        });
    }

    /** As the leader: runs the chosen assignor over every member's subscription. */
    private CompletableFuture<Map<String, ByteBuffer>> lead(String protocolName, List<Struct> members) {
        ConsumerPartitionAssignor assignor = assignors.stream().filter(a -> a.name().equals(protocolName))
            .findFirst().orElseThrow(() -> new TributaryException(Errors.INCONSISTENT_GROUP_PROTOCOL,
                "the group chose assignor " + protocolName + ", which this consumer does not have"));
        Map<String, Subscription> subs = new LinkedHashMap<>();
        Set<String> allTopics = new TreeSet<>();
        for (Struct m : members) {
            Subscription s = ConsumerProtocol.decodeSubscription(ByteBuffer.wrap(m.getBytes("metadata")));
            subs.put(m.getString("memberId"), s);
            allTopics.addAll(s.topics());
        }
        return metadata.fetch(List.copyOf(allTopics), false).thenApply(cluster -> {
            Map<String, Integer> counts = new HashMap<>();
            for (String t : allTopics) {
                int n = cluster.partitionsFor(t).size();
                if (n > 0) {
                    counts.put(t, n);
                }
            }
            synchronized (this) {
                assignedPartitionCounts = Map.copyOf(counts);
            }
            Map<String, Assignment> result = assignor.assign(counts, subs);
            Map<String, ByteBuffer> out = new LinkedHashMap<>();
            for (String m : subs.keySet()) {
                Assignment a = result.getOrDefault(m, new Assignment(List.of(), null));
                out.put(m, ConsumerProtocol.encodeAssignment(a));
            }
            log.debug("group {}: leader assigned {} with {}", settings.groupId(), result, protocolName);
            return out;
        });
    }

    private CompletableFuture<Assignment> sendSync(Node node, int gen, String me, String protocolName,
                                                   Map<String, ByteBuffer> assignments) {
        return network.send(node, ApiKey.SYNC_GROUP, v -> {
            Struct r = SyncGroupRequest.SCHEMA.newStruct().set("groupId", settings.groupId()).set("generationId", gen)
                .set("memberId", me).set("groupInstanceId", settings.groupInstanceId())
                .set("protocolType", PROTOCOL_TYPE).set("protocolName", protocolName);
            assignments.forEach((m, a) -> r.addElement("assignments").set("memberId", m).set("assignment", toArray(a)));
            return r;
        }, ApiKey.SYNC_GROUP.latestVersion()).thenApply(resp -> {
            Errors error = Errors.forCode(resp.body().getInt16("errorCode"));
            synchronized (this) {
                switch (error) {
                    case NONE -> {
                    }
                    case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                        memberId = "";
                        generation = -1;
                        throw error.exception("group " + settings.groupId());
                    }
                    case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> {
                        coordinator = null;
                        throw error.exception("group " + settings.groupId());
                    }
                    default -> throw error.exception("syncing group " + settings.groupId());
                }
            }
            byte[] bytes = resp.body().getBytes("assignment");
            return ConsumerProtocol.decodeAssignment(ByteBuffer.wrap(bytes == null ? new byte[0] : bytes));
        });
    }

    /** Applies a new assignment on the polling thread, calling the listener. */
    private void complete(Assignment assignment) {
        Set<TopicPartition> assigned = new HashSet<>(assignment.partitions());
        Set<String> subscribed = subscriptions.subscription();
        assigned.removeIf(tp -> !subscribed.contains(tp.topic()));
        ConsumerRebalanceListener l = subscriptions.listener();
        int gen;
        synchronized (this) {
            gen = generation;
            stable = true;
            // a subscription change (a pattern matching a new topic, say) while this join was under way asked for
            // a rejoin that this join does not answer: join again
            rejoinNeeded = !joinedTopics.equals(subscribed);
        }
        for (ConsumerPartitionAssignor a : assignors) {
            if (a instanceof CooperativeStickyAssignor c) {
                c.onGeneration(gen);
            }
        }
        Set<TopicPartition> owned = new HashSet<>(subscriptions.assignedPartitions());
        List<TopicPartition> revoked = new ArrayList<>();
        for (TopicPartition tp : owned) {
            if (!assigned.contains(tp)) {
                revoked.add(tp);
            }
        }
        List<TopicPartition> added = new ArrayList<>();
        for (TopicPartition tp : assignment.partitions()) {
            if (assigned.contains(tp) && !owned.contains(tp)) {
                added.add(tp);
            }
        }
        log.info("group {} generation {}: assigned {} (added {}, revoked {})", settings.groupId(), gen, assigned,
            added, revoked);
        if (!revoked.isEmpty()) {
            if (settings.autoCommit()) {
                Map<TopicPartition, Long> positions = new LinkedHashMap<>();
                for (TopicPartition tp : revoked) {
                    Long p = subscriptions.position(tp);
                    if (p != null) {
                        positions.put(tp, p);
                    }
                }
                if (!positions.isEmpty()) {
                    try {
                        commitSync(toOffsets(positions), System.currentTimeMillis() + 5000);
                    } catch (RuntimeException e) {
                        log.warn("group {}: commit of revoked partitions failed: {}", settings.groupId(),
                            e.getMessage());
                    }
                }
            }
            try {
                if (l != null) {
                    l.onPartitionsRevoked(revoked); // before they are dropped: the listener may commit them
                }
            } finally {
                subscriptions.removeAssigned(revoked);
            }
            // cooperative: the partitions just given up go to their new owners in another round
            requestRejoin();
        }
        subscriptions.addAssigned(added);
        if (l != null) {
            l.onPartitionsAssigned(added);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> toOffsets(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        positions.forEach((tp, p) -> out.put(tp, new OffsetAndMetadata(p)));
        return out;
    }

    private void maybeAutoCommit(long now) {
        if (!settings.autoCommit() || settings.groupId() == null || now < nextAutoCommitMs) {
            return;
        }
        nextAutoCommitMs = now + settings.autoCommitIntervalMs();
        Map<TopicPartition, Long> positions = subscriptions.allPositions();
        if (!positions.isEmpty()) {
            commitAsync(toOffsets(positions), (o, e) -> {
                if (e != null) {
                    log.warn("group {}: auto-commit of {} failed: {}", settings.groupId(), o.keySet(), e.getMessage());
                }
            });
        }
    }

    // ---- coordinator lookup ----------------------------------------------------------------------------------

    /** The coordinator, looked up if unknown. */
    public CompletableFuture<Node> coordinatorNode() {
        synchronized (this) {
            if (coordinator != null) {
                return CompletableFuture.completedFuture(coordinator);
            }
        }
        return network.send(metadata.anyNode(), ApiKey.FIND_COORDINATOR, v -> {
            Struct r = FindCoordinatorRequest.SCHEMA.newStruct().set("keyType", (byte) 0);
            if (v >= 4) {
                r.set("coordinatorKeys", List.of(settings.groupId()));
            } else {
                r.set("key", settings.groupId());
            }
            return r;
        }, ApiKey.FIND_COORDINATOR.latestVersion()).thenApply(resp -> {
            Struct b = resp.body();
            Struct c = resp.version() >= 4 ? b.getStructs("coordinators").get(0) : b;
            Errors error = Errors.forCode(c.getInt16("errorCode"));
            if (error != Errors.NONE) {
                throw error.exception("finding the coordinator of group " + settings.groupId());
            }
            Node n = new Node(c.getInt32("nodeId"), c.getString("host"), c.getInt32("port"));
            synchronized (this) {
                coordinator = n;
            }
            return n;
        });
    }

    private synchronized void coordinatorDead() {
        coordinator = null;
    }

    // ---- offsets --------------------------------------------------------------------------------------------

    /** Commits {@code offsets}, retrying coordinator errors until {@code deadlineMs}. */
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, long deadlineMs) {
        requireGroup();
        if (offsets.isEmpty()) {
            return;
        }
        while (true) {
            try {
                blocking.await(sendCommit(offsets), deadlineMs, "the offset commit of group " + settings.groupId());
                return;
            } catch (TributaryException e) {
                if (!e.isRetriable() || e instanceof io.tributary.common.TimeoutException
                    && System.currentTimeMillis() >= deadlineMs) {
                    throw e;
                }
                blocking.sleep(Math.min(settings.retryBackoffMs(), deadlineMs - System.currentTimeMillis()));
                if (System.currentTimeMillis() >= deadlineMs) {
                    throw new io.tributary.common.TimeoutException("timed out committing offsets of group "
                        + settings.groupId() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Commits without waiting; {@code callback} runs on the polling thread during a later poll or commit. */
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                            io.tributary.clients.consumer.Consumer.OffsetCommitCallback callback) {
        requireGroup();
        Map<TopicPartition, OffsetAndMetadata> copy = Map.copyOf(offsets);
        sendCommit(copy).whenComplete((v, e) -> {
            if (callback != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                Exception ex = cause == null ? null : cause instanceof Exception x ? x : new RuntimeException(cause);
                callbacks.add(() -> callback.onComplete(copy, ex));
            }
        });
    }

    private void requireGroup() {
        if (settings.groupId() == null) {
            throw new TributaryException(Errors.INVALID_GROUP_ID,
                "committing offsets needs a group.id in the consumer's configuration");
        }
    }

    private CompletableFuture<Void> sendCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        int gen;
        String id;
        synchronized (this) {
            if (subscriptions.usesGroup() && !stable) {
                // mid-rebalance there is no generation to commit with (generation -1 is refused by a live group)
                return CompletableFuture.failedFuture(new TributaryException(Errors.REBALANCE_IN_PROGRESS,
                    "cannot commit while group " + settings.groupId() + " is rebalancing; poll to finish the "
                        + "rebalance and retry (partitions revoked in the meantime are committed by the rebalance "
                        + "listener)"));
            }
            boolean inGroup = subscriptions.usesGroup();
            gen = inGroup ? generation : -1;
            id = inGroup ? memberId : "";
        }
        Map<String, List<Map.Entry<TopicPartition, OffsetAndMetadata>>> byTopic = new LinkedHashMap<>();
        offsets.entrySet().forEach(e -> byTopic.computeIfAbsent(e.getKey().topic(), k -> new ArrayList<>()).add(e));
        return coordinatorNode().thenCompose(node -> network.send(node, ApiKey.OFFSET_COMMIT, v -> {
            Struct r = OffsetCommitRequest.SCHEMA.newStruct().set("groupId", settings.groupId())
                .set("generationIdOrMemberEpoch", gen).set("memberId", id)
                .set("groupInstanceId", gen >= 0 ? settings.groupInstanceId() : null);
            byTopic.forEach((topic, list) -> {
                Struct t = r.addElement("topics").set("name", topic);
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : list) {
                    t.addElement("partitions").set("partitionIndex", e.getKey().partition())
                        .set("committedOffset", e.getValue().offset())
                        .set("committedMetadata", e.getValue().metadata());
                }
            });
            return r;
        }, OFFSET_COMMIT_MAX_VERSION)).thenApply(resp -> {
            for (Struct t : resp.body().getStructs("topics")) {
                for (Struct p : t.getStructs("partitions")) {
                    Errors error = Errors.forCode(p.getInt16("errorCode"));
                    if (error == Errors.NONE) {
                        continue;
                    }
                    String where = t.getString("name") + "-" + p.getInt32("partitionIndex");
                    switch (error) {
                        case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> {
                            coordinatorDead();
                            throw error.exception("committing " + where);
                        }
                        case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, FENCED_INSTANCE_ID -> {
                            synchronized (this) {
                                rejoinNeeded = true;
                            }
                            throw new TributaryException(error, "commit of " + where + " failed: the group "
                                + settings.groupId() + " has rebalanced and assigned the partitions to another "
                                + "member (the time between polls may exceed max.poll.interval.ms); poll again and "
                                + "retry");
                        }
                        case REBALANCE_IN_PROGRESS -> {
                            synchronized (this) {
                                rejoinNeeded = true;
                            }
                            throw new TributaryException(error, "commit of " + where + " failed: group "
                                + settings.groupId() + " is rebalancing; poll to finish the rebalance and retry");
                        }
                        default -> throw error.exception("committing " + where + " for group " + settings.groupId());
                    }
                }
            }
            return (Void) null;
        }).exceptionallyCompose(e -> {
            Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (c instanceof TributaryException te && te.error() == Errors.NETWORK_EXCEPTION) {
                coordinatorDead();
            }
            return CompletableFuture.failedFuture(c);
        });
    }

    /** The committed offsets of {@code partitions} (absent where none), retrying until {@code deadlineMs}. */
    public Map<TopicPartition, OffsetAndMetadata> fetchCommitted(Collection<TopicPartition> partitions,
                                                                long deadlineMs) {
        requireGroup();
        while (true) {
            try {
                return blocking.await(sendOffsetFetch(partitions), deadlineMs,
                    "the committed offsets of group " + settings.groupId());
            } catch (TributaryException e) {
                if (!e.isRetriable() && e.error() != Errors.UNSTABLE_OFFSET_COMMIT) {
                    throw e;
                }
                if (System.currentTimeMillis() + settings.retryBackoffMs() >= deadlineMs) {
                    throw new io.tributary.common.TimeoutException("timed out fetching committed offsets of group "
                        + settings.groupId() + ": " + e.getMessage(), e);
                }
                blocking.sleep(settings.retryBackoffMs());
            }
        }
    }

    private CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> sendOffsetFetch(
        Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(tp.partition()));
        return coordinatorNode().thenCompose(node -> network.send(node, ApiKey.OFFSET_FETCH, v -> {
            Struct r = OffsetFetchRequest.SCHEMA.newStruct().set("requireStable", true);
            if (v >= 8) {
                Struct g = r.addElement("groups").set("groupId", settings.groupId());
                byTopic.forEach((t, ps) -> g.addElement("topics").set("name", t).set("partitionIndexes", ps));
            } else {
                r.set("groupId", settings.groupId());
                byTopic.forEach((t, ps) -> r.addElement("topics").set("name", t).set("partitionIndexes", ps));
            }
            return r;
        }, OFFSET_FETCH_MAX_VERSION)).thenApply(resp -> {
            Struct b = resp.body();
            List<Struct> topics;
            Errors groupError;
            if (resp.version() >= 8) {
                Struct g = b.getStructs("groups").get(0);
                groupError = Errors.forCode(g.getInt16("errorCode"));
                topics = g.getStructs("topics");
            } else {
                groupError = Errors.forCode(b.getInt16("errorCode"));
                topics = b.getStructs("topics");
            }
            if (groupError != Errors.NONE) {
                if (groupError == Errors.NOT_COORDINATOR || groupError == Errors.COORDINATOR_NOT_AVAILABLE) {
                    coordinatorDead();
                }
                throw groupError.exception("fetching committed offsets of group " + settings.groupId());
            }
            Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
            for (Struct t : topics) {
                for (Struct p : t.getStructs("partitions")) {
                    Errors error = Errors.forCode(p.getInt16("errorCode"));
                    TopicPartition tp = new TopicPartition(t.getString("name"), p.getInt32("partitionIndex"));
                    if (error != Errors.NONE) {
                        throw error.exception("committed offset of " + tp + " in group " + settings.groupId());
                    }
                    long offset = p.getInt64("committedOffset");
                    if (offset >= 0) {
                        out.put(tp, new OffsetAndMetadata(offset, p.getString("metadata")));
                    }
                }
            }
            return out;
        });
    }

    // ---- heartbeats and leaving ---------------------------------------------------------------------------------

    private void heartbeatLoop() {
        while (!closed) {
            try {
                Thread.sleep(settings.heartbeatIntervalMs());
            } catch (InterruptedException e) {
                return;
            }
            Node node;
            int gen;
            String id;
            synchronized (this) {
                if (!stable || memberId.isEmpty() || closed) {
                    continue;
                }
                if (System.currentTimeMillis() - lastPollMs > settings.rebalanceTimeoutMs()) {
                    log.warn("consumer poll timeout has expired: the time between polls exceeded max.poll.interval.ms "
                        + "({} ms); leaving group {}. Poll more often, or process fewer records per poll "
                        + "(max.poll.records).", settings.rebalanceTimeoutMs(), settings.groupId());
                    leaveGroup("consumer poll timeout has expired");
                    continue;
                }
                node = coordinator;
                gen = generation;
                id = memberId;
            }
            if (node == null) {
                coordinatorNode();
                continue;
            }
            network.send(node, ApiKey.HEARTBEAT, v -> HeartbeatRequest.SCHEMA.newStruct()
                .set("groupId", settings.groupId()).set("generationId", gen).set("memberId", id)
                .set("groupInstanceId", settings.groupInstanceId()), ApiKey.HEARTBEAT.latestVersion())
                .whenComplete((resp, err) -> onHeartbeat(gen, resp, err));
        }
    }

    private synchronized void onHeartbeat(int gen, NetworkClient.Response resp, Throwable err) {
        if (gen != generation) {
            return;
        }
        if (err != null) {
            coordinator = null;
            return;
        }
        Errors error = Errors.forCode(resp.body().getInt16("errorCode"));
        switch (error) {
            case NONE -> {
            }
            case REBALANCE_IN_PROGRESS -> rejoinNeeded = true;
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, FENCED_INSTANCE_ID -> {
                log.info("group {}: heartbeat says {}; rejoining", settings.groupId(), error);
                if (error == Errors.UNKNOWN_MEMBER_ID) {
                    memberId = "";
                }
                generation = -1;
                rejoinNeeded = true;
                stable = false;
                membershipLost = true;
            }
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> coordinator = null;
            default -> log.debug("group {}: heartbeat error {}", settings.groupId(), error);
        }
    }

    /** Sends LeaveGroup (dynamic members only) and forgets the membership. */
    private synchronized CompletableFuture<?> leaveGroup(String reason) {
        CompletableFuture<?> f = CompletableFuture.completedFuture(null);
        if (!memberId.isEmpty() && settings.groupInstanceId() == null && coordinator != null) {
            String id = memberId;
            f = network.send(coordinator, ApiKey.LEAVE_GROUP, v -> {
                Struct r = LeaveGroupRequest.SCHEMA.newStruct().set("groupId", settings.groupId());
                if (v >= 3) {
                    r.addElement("members").set("memberId", id).set("reason", reason);
                } else {
                    r.set("memberId", id);
                }
                return r;
            }, ApiKey.LEAVE_GROUP.latestVersion());
        }
        if (stable) {
            membershipLost = true;
        }
        memberId = "";
        generation = -1;
        stable = false;
        rejoinNeeded = true;
        return f;
    }

    /** On unsubscribe: revoke everything (listener), then leave the group. */
    public void unsubscribe(long deadlineMs) {
        if (subscriptions.usesGroup()) {
            List<TopicPartition> all = subscriptions.assignedList();
            ConsumerRebalanceListener l = subscriptions.listener();
            if (l != null && !all.isEmpty()) {
                l.onPartitionsRevoked(all);
            }
            CompletableFuture<?> f = leaveGroup("the consumer unsubscribed");
            try {
                blocking.await(f, deadlineMs, "leaving the group");
            } catch (RuntimeException e) {
                log.debug("leaving group {}: {}", settings.groupId(), e.toString());
            }
            synchronized (this) {
                membershipLost = false;
            }
        }
    }

    /** Commits (with auto-commit) and leaves the group, waiting until {@code deadlineMs}. */
    public void close(long deadlineMs) {
        try {
            if (settings.autoCommit() && settings.groupId() != null && !subscriptions.allPositions().isEmpty()) {
                try {
                    commitSync(toOffsets(subscriptions.allPositions()), deadlineMs);
                } catch (RuntimeException e) {
                    log.warn("group {}: commit on close failed: {}", settings.groupId(), e.getMessage());
                }
            }
            if (subscriptions.usesGroup()) {
                ConsumerRebalanceListener l = subscriptions.listener();
                List<TopicPartition> all = subscriptions.assignedList();
                if (l != null && !all.isEmpty()) {
                    try {
                        l.onPartitionsRevoked(all);
                    } catch (RuntimeException e) {
                        log.warn("the rebalance listener threw on close", e);
                    }
                }
                try {
                    blocking.await(leaveGroup("the consumer is being closed"), deadlineMs, "leaving the group");
                } catch (RuntimeException e) {
                    log.debug("leaving group {}: {}", settings.groupId(), e.toString());
                }
            }
        } finally {
            closed = true;
            heartbeat.interrupt();
        }
    }

    private static byte[] toArray(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
