package io.tributary.clients.admin.internals;

import io.tributary.clients.Node;
import io.tributary.clients.admin.ConsumerGroupDescription;
import io.tributary.clients.admin.ConsumerGroupListing;
import io.tributary.clients.admin.MemberAssignment;
import io.tributary.clients.admin.MemberDescription;
import io.tributary.clients.internals.NetworkClient;
import io.tributary.common.Errors;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Consumer group operations. Each group's requests go to its coordinator (FindCoordinator, key type 0), one group
 * per request so that groups with different coordinators need no special handling; ListGroups asks every broker.
 * OffsetCommit and OffsetFetch are capped at v9: v10 names topics by id.
 */
public final class GroupOperations {
    private static final short OFFSET_COMMIT_MAX = 9;
    private static final short OFFSET_FETCH_MAX = 9;
    private static final String CONSUMER = "consumer";

    private final AdminCalls calls;

    public GroupOperations(AdminCalls calls) {
        this.calls = calls;
    }

    /** ListGroups on every broker; groups of other protocol types (connect, ...) are left out. */
    public CompletableFuture<List<ConsumerGroupListing>> listConsumerGroups() {
        return calls.call("list consumer groups", a -> a.metadata(List.of()).thenCompose(cluster -> {
            List<Node> nodes = new ArrayList<>(cluster.nodes().values());
            if (nodes.isEmpty()) {
                nodes.add(calls.anyNode());
            }
            List<CompletableFuture<List<ConsumerGroupListing>>> perNode = new ArrayList<>();
            for (Node n : nodes) {
                perNode.add(a.send(n, ApiKey.LIST_GROUPS, v -> ListGroupsRequest.SCHEMA.newStruct())
                    .thenApply(resp -> listed(n, resp)));
            }
            return CompletableFuture.allOf(perNode.toArray(new CompletableFuture<?>[0])).thenApply(x -> {
                Map<String, ConsumerGroupListing> all = new TreeMap<>();
                for (CompletableFuture<List<ConsumerGroupListing>> f : perNode) {
                    f.join().forEach(g -> all.put(g.groupId(), g));
                }
                return List.copyOf(all.values());
            });
        }));
    }

    private static List<ConsumerGroupListing> listed(Node node, NetworkClient.Response resp) {
        Errors err = Errors.forCode(resp.body().getInt16("errorCode"));
        if (err != Errors.NONE) {
            throw AdminCalls.error(err, null, "cannot list the groups of " + node);
        }
        List<ConsumerGroupListing> out = new ArrayList<>();
        for (Struct g : resp.body().getStructs("groups")) {
            String type = g.getString("protocolType");
            if (type.isEmpty() || type.equals(CONSUMER)) {
                out.add(new ConsumerGroupListing(g.getString("groupId"),
                    resp.version() >= 4 ? g.getString("groupState") : "Unknown", type));
            }
        }
        return out;
    }

    /** DescribeGroups per group; an unknown group (error, or "Dead" before v6) fails with GROUP_ID_NOT_FOUND. */
    public CompletableFuture<Map<String, ConsumerGroupDescription>> describeConsumerGroups(Collection<String> ids) {
        Map<String, CompletableFuture<ConsumerGroupDescription>> each = new LinkedHashMap<>();
        for (String id : new TreeSet<>(ids)) {
            each.put(id, calls.call("describe consumer group " + id, a -> a.withCoordinator(id, node ->
                a.send(node, ApiKey.DESCRIBE_GROUPS, v -> {
                    Struct r = DescribeGroupsRequest.SCHEMA.newStruct();
                    r.set("groups", new ArrayList<>(List.of(id)));
                    return r;
                }).thenApply(resp -> described(id, node, resp)))));
        }
        return all(each);
    }

    private static ConsumerGroupDescription described(String id, Node coordinator, NetworkClient.Response resp) {
        List<Struct> groups = resp.body().getStructs("groups");
        if (groups.isEmpty()) {
            throw new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "no description of group " + id);
        }
        Struct g = groups.get(0);
        Errors err = Errors.forCode(g.getInt16("errorCode"));
        String state = g.getString("groupState");
        if (err == Errors.NONE && "Dead".equals(state) && g.getStructs("members").isEmpty()) {
            err = Errors.GROUP_ID_NOT_FOUND; // what v6+ answers for a group the coordinator does not know
        }
        if (err != Errors.NONE) {
            throw AdminCalls.error(err, resp.version() >= 6 ? g.getString("errorMessage") : null,
                err == Errors.GROUP_ID_NOT_FOUND ? "group " + id + " does not exist"
                    : "cannot describe group " + id);
        }
        String protocolType = g.getString("protocolType");
        List<MemberDescription> members = new ArrayList<>();
        for (Struct m : g.getStructs("members")) {
            MemberAssignment assignment = CONSUMER.equals(protocolType)
                ? ConsumerAssignmentDecoder.decode(m.getBytes("memberAssignment")) : MemberAssignment.EMPTY;
            members.add(new MemberDescription(m.getString("memberId"),
                resp.version() >= 4 ? m.getString("groupInstanceId") : null, m.getString("clientId"),
                m.getString("clientHost"), assignment));
        }
        members.sort(Comparator.comparing(MemberDescription::memberId));
        return new ConsumerGroupDescription(id, state, protocolType, g.getString("protocolData"), coordinator,
            members);
    }

    /** DeleteGroups per group. */
    public CompletableFuture<Void> deleteConsumerGroups(Collection<String> ids) {
        Map<String, CompletableFuture<Boolean>> each = new LinkedHashMap<>();
        for (String id : new TreeSet<>(ids)) {
            each.put(id, calls.call("delete consumer group " + id, a -> a.withCoordinator(id, node ->
                a.send(node, ApiKey.DELETE_GROUPS, v -> DeleteGroupsRequest.SCHEMA.newStruct()
                    .set("groupsNames", new ArrayList<>(List.of(id)))).thenApply(resp -> {
                        for (Struct r : resp.body().getStructs("results")) {
                            Errors err = Errors.forCode(r.getInt16("errorCode"));
                            if (err != Errors.NONE) {
                                throw AdminCalls.error(err, resp.version() >= 3 ? r.getString("errorMessage") : null,
                                    err == Errors.GROUP_ID_NOT_FOUND ? "group " + id + " does not exist"
                                        : "cannot delete group " + id);
                            }
                        }
                        return Boolean.TRUE;
                    }))));
        }
        return all(each).thenApply(x -> null);
    }

    /** OffsetFetch (v8+ with the groups array, before with groupId/topics); offsets of -1 are left out. */
    public CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> listOffsets(String id,
                                                                                Collection<TopicPartition> only) {
        Map<String, List<Integer>> byTopic = only == null ? null : byTopic(only);
        return calls.call("list offsets of group " + id, a -> a.withCoordinator(id, node ->
            a.send(node, ApiKey.OFFSET_FETCH, v -> {
                Struct r = OffsetFetchRequest.SCHEMA.newStruct();
                if (v >= 8) {
                    Struct g = r.addElement("groups").set("groupId", id);
                    if (byTopic == null) {
                        g.set("topics", null);
                    } else {
                        byTopic.forEach((t, ps) -> g.addElement("topics").set("name", t)
                            .set("partitionIndexes", new ArrayList<>(ps)));
                    }
                } else {
                    r.set("groupId", id);
                    if (byTopic == null) {
                        if (v < 2) {
                            throw new TributaryException(Errors.UNSUPPORTED_VERSION,
                                "listing every offset of a group needs OffsetFetch v2 (broker offers v" + v + ")");
                        }
                        r.set("topics", null);
                    } else {
                        byTopic.forEach((t, ps) -> r.addElement("topics").set("name", t)
                            .set("partitionIndexes", new ArrayList<>(ps)));
                    }
                }
                return r;
            }, OFFSET_FETCH_MAX).thenApply(resp -> fetched(id, resp))));
    }

    private static Map<TopicPartition, OffsetAndMetadata> fetched(String id, NetworkClient.Response resp) {
        Struct b = resp.body();
        List<Struct> topics;
        Errors err;
        if (resp.version() >= 8) {
            Struct g = b.getStructs("groups").stream().filter(x -> x.getString("groupId").equals(id)).findFirst()
                .orElseThrow(() -> new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "no offsets for group " + id));
            err = Errors.forCode(g.getInt16("errorCode"));
            topics = g.getStructs("topics");
        } else {
            err = resp.version() >= 2 ? Errors.forCode(b.getInt16("errorCode")) : Errors.NONE;
            topics = b.getStructs("topics");
        }
        if (err != Errors.NONE) {
            throw AdminCalls.error(err, null, "cannot list the offsets of group " + id);
        }
        Map<TopicPartition, OffsetAndMetadata> out = new TreeMap<>();
        for (Struct t : topics) {
            for (Struct p : t.getStructs("partitions")) {
                TopicPartition tp = new TopicPartition(t.getString("name"), p.getInt32("partitionIndex"));
                Errors pe = Errors.forCode(p.getInt16("errorCode"));
                if (pe != Errors.NONE) {
                    throw AdminCalls.error(pe, null, "cannot list the offset of group " + id + " for " + tp);
                }
                long offset = p.getInt64("committedOffset");
                if (offset >= 0) {
                    int epoch = resp.version() >= 5 ? p.getInt32("committedLeaderEpoch") : -1;
                    out.put(tp, new OffsetAndMetadata(offset, epoch, p.getString("metadata")));
                }
            }
        }
        return out;
    }

    /** OffsetCommit as a non-member: generation -1, empty member id (the group must have no members). */
    public CompletableFuture<Void> alterOffsets(String id, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> copy = new TreeMap<>(offsets);
        Batch<TopicPartition, Boolean> batch = new Batch<>(copy.keySet());
        return calls.call("commit offsets of group " + id, a -> a.withCoordinator(id, node -> {
            List<TopicPartition> todo = batch.beginAttempt();
            return a.send(node, ApiKey.OFFSET_COMMIT, v -> {
                Struct r = OffsetCommitRequest.SCHEMA.newStruct().set("groupId", id)
                    .set("generationIdOrMemberEpoch", -1).set("memberId", "");
                Map<String, Struct> topics = new LinkedHashMap<>();
                for (TopicPartition tp : todo) {
                    OffsetAndMetadata o = copy.get(tp);
                    topics.computeIfAbsent(tp.topic(), t -> r.addElement("topics").set("name", t))
                        .addElement("partitions").set("partitionIndex", tp.partition())
                        .set("committedOffset", o.offset()).set("committedLeaderEpoch", o.leaderEpoch())
                        .set("committedMetadata", o.metadata());
                }
                return r;
            }, OFFSET_COMMIT_MAX).thenApply(resp -> {
                for (Struct t : resp.body().getStructs("topics")) {
                    for (Struct p : t.getStructs("partitions")) {
                        TopicPartition tp = new TopicPartition(t.getString("name"), p.getInt32("partitionIndex"));
                        Errors err = Errors.forCode(p.getInt16("errorCode"));
                        if (err == Errors.NONE) {
                            batch.succeed(tp, Boolean.TRUE);
                        } else {
                            String hint = err == Errors.UNKNOWN_MEMBER_ID || err == Errors.ILLEGAL_GENERATION
                                || err == Errors.REBALANCE_IN_PROGRESS ? " (the group has active members)" : "";
                            batch.complete(tp, AdminCalls.error(err, null,
                                "cannot commit the offset of group " + id + " for " + tp + hint));
                        }
                    }
                }
                batch.finish();
                return null;
            });
        }));
    }

    /** OffsetDelete v0. */
    public CompletableFuture<Void> deleteOffsets(String id, Set<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = byTopic(partitions);
        return calls.call("delete offsets of group " + id, a -> a.withCoordinator(id, node ->
            a.send(node, ApiKey.OFFSET_DELETE, v -> {
                Struct r = OffsetDeleteRequest.SCHEMA.newStruct().set("groupId", id);
                byTopic.forEach((t, ps) -> {
                    Struct ts = r.addElement("topics").set("name", t);
                    ps.forEach(p -> ts.addElement("partitions").set("partitionIndex", p));
                });
                return r;
            }).thenApply(resp -> {
                Errors err = Errors.forCode(resp.body().getInt16("errorCode"));
                if (err != Errors.NONE) {
                    throw AdminCalls.error(err, null, err == Errors.GROUP_ID_NOT_FOUND
                        ? "group " + id + " does not exist" : "cannot delete offsets of group " + id);
                }
                TributaryException first = null;
                for (Struct t : resp.body().getStructs("topics")) {
                    for (Struct p : t.getStructs("partitions")) {
                        Errors pe = Errors.forCode(p.getInt16("errorCode"));
                        if (pe != Errors.NONE) {
                            TributaryException e = AdminCalls.error(pe, null, "cannot delete the offset of group "
                                + id + " for " + new TopicPartition(t.getString("name"), p.getInt32("partitionIndex")));
                            if (first == null) {
                                first = e;
                            } else {
                                first.addSuppressed(e);
                            }
                        }
                    }
                }
                if (first != null) {
                    throw first;
                }
                return null;
            })));
    }

    private static Map<String, List<Integer>> byTopic(Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (TopicPartition tp : new TreeSet<>(partitions)) {
            out.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        return out;
    }

    /** Waits for every future; the map of results, or the first failure with the others suppressed. */
    static <K, V> CompletableFuture<Map<K, V>> all(Map<K, CompletableFuture<V>> each) {
        return CompletableFuture.allOf(each.values().toArray(new CompletableFuture<?>[0])).handle((x, e) -> {
            Map<K, V> out = new LinkedHashMap<>();
            Throwable first = null;
            for (Map.Entry<K, CompletableFuture<V>> en : each.entrySet()) {
                try {
                    out.put(en.getKey(), en.getValue().join());
                } catch (RuntimeException ex) {
                    Throwable cause = AdminCalls.unwrap(ex);
                    if (first == null) {
                        first = cause;
                    } else if (first != cause) {
                        first.addSuppressed(cause);
                    }
                }
            }
            if (first != null) {
                throw first instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(first);
            }
            return out;
        });
    }
}
