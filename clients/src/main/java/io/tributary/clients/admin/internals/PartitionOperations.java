package io.tributary.clients.admin.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.admin.ListOffsetsResultInfo;
import io.tributary.clients.admin.OffsetSpec;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Operations on partitions, each sent to the partition's leader: ListOffsets and DeleteRecords. Every attempt reads
 * fresh metadata, so a leader change (NOT_LEADER_OR_FOLLOWER ...) is retried against the new leader.
 */
public final class PartitionOperations {
    private static final long MAX_TIMESTAMP = -3L;
    private final AdminCalls calls;

    public PartitionOperations(AdminCalls calls) {
        this.calls = calls;
    }

    /** ListOffsets v1+ (the max timestamp spec needs v7), read-uncommitted. */
    public CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> listOffsets(Map<TopicPartition, OffsetSpec> specs) {
        Map<TopicPartition, OffsetSpec> copy = new TreeMap<>(specs);
        Batch<TopicPartition, ListOffsetsResultInfo> batch = new Batch<>(copy.keySet());
        return calls.call("list offsets of " + copy.keySet(), a -> perLeader(a, batch, "list offsets of",
            (node, tps) -> a.send(node, ApiKey.LIST_OFFSETS, v -> {
                Struct r = ListOffsetsRequest.SCHEMA.newStruct().set("replicaId", -1).set("isolationLevel", (byte) 0)
                    .set("timeoutMs", a.remainingMs());
                Map<String, Struct> topics = new LinkedHashMap<>();
                for (TopicPartition tp : tps) {
                    long ts = copy.get(tp).timestamp();
                    if (ts == MAX_TIMESTAMP && v < 7) {
                        throw new TributaryException(Errors.UNSUPPORTED_VERSION, "the max timestamp offset of " + tp
                            + " needs ListOffsets v7 (the broker offers v" + v + ")");
                    }
                    topics.computeIfAbsent(tp.topic(), t -> r.addElement("topics").set("name", t))
                        .addElement("partitions").set("partitionIndex", tp.partition()).set("timestamp", ts);
                }
                return r;
            }).thenAccept(resp -> {
                for (Struct t : resp.body().getStructs("topics")) {
                    for (Struct p : t.getStructs("partitions")) {
                        TopicPartition tp = new TopicPartition(t.getString("name"), p.getInt32("partitionIndex"));
                        Errors err = Errors.forCode(p.getInt16("errorCode"));
                        if (err == Errors.NONE) {
                            int epoch = resp.version() >= 4 ? p.getInt32("leaderEpoch") : -1;
                            batch.succeed(tp, new ListOffsetsResultInfo(p.getInt64("offset"), p.getInt64("timestamp"),
                                epoch));
                        } else {
                            batch.complete(tp, AdminCalls.error(err, null, "cannot list the offset of " + tp));
                        }
                    }
                }
            })));
    }

    /** DeleteRecords v0+. */
    public CompletableFuture<Map<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> before) {
        Map<TopicPartition, Long> copy = new TreeMap<>(before);
        Batch<TopicPartition, Long> batch = new Batch<>(copy.keySet());
        return calls.call("delete records of " + copy.keySet(), a -> perLeader(a, batch, "delete records of",
            (node, tps) -> a.send(node, ApiKey.DELETE_RECORDS, v -> {
                Struct r = DeleteRecordsRequest.SCHEMA.newStruct().set("timeoutMs", a.remainingMs());
                Map<String, Struct> topics = new LinkedHashMap<>();
                for (TopicPartition tp : tps) {
                    topics.computeIfAbsent(tp.topic(), t -> r.addElement("topics").set("name", t))
                        .addElement("partitions").set("partitionIndex", tp.partition()).set("offset", copy.get(tp));
                }
                return r;
            }).thenAccept(resp -> {
                for (Struct t : resp.body().getStructs("topics")) {
                    for (Struct p : t.getStructs("partitions")) {
                        TopicPartition tp = new TopicPartition(t.getString("name"), p.getInt32("partitionIndex"));
                        Errors err = Errors.forCode(p.getInt16("errorCode"));
                        if (err == Errors.NONE) {
                            batch.succeed(tp, p.getInt64("lowWatermark"));
                        } else {
                            batch.complete(tp, AdminCalls.error(err, null, "cannot delete records of " + tp
                                + " before offset " + copy.get(tp)));
                        }
                    }
                }
            })));
    }

    /**
     * One attempt: fresh metadata for the pending partitions, then one request per leader ({@code send}), then the
     * batch's outcome. Partitions of unknown topics, or beyond a topic's partition count, fail at once.
     */
    private static <V> CompletableFuture<Map<TopicPartition, V>> perLeader(
        AdminCalls.Attempt a, Batch<TopicPartition, V> batch, String what,
        BiFunction<Node, List<TopicPartition>, CompletableFuture<Void>> send) {
        List<TopicPartition> todo = batch.beginAttempt();
        List<String> topics = new ArrayList<>(new TreeSet<>(todo.stream().map(TopicPartition::topic).toList()));
        return a.metadata(topics).thenCompose(cluster -> {
            Map<Node, List<TopicPartition>> byLeader = new HashMap<>();
            for (TopicPartition tp : todo) {
                Cluster.Topic t = cluster.topics().get(tp.topic());
                if (t == null || t.error() == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                    batch.fail(tp, new TributaryException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "cannot " + what + " " + tp
                        + ": topic " + tp.topic() + " does not exist"));
                } else if (t.error() != Errors.NONE) {
                    batch.complete(tp, AdminCalls.error(t.error(), null, "cannot " + what + " " + tp));
                } else if (tp.partition() < 0 || tp.partition() >= t.partitions().size()) {
                    batch.fail(tp, new TributaryException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "cannot " + what + " " + tp
                        + ": topic " + tp.topic() + " has " + t.partitions().size() + " partitions"));
                } else {
                    Node leader = t.partitions().get(tp.partition()).leader();
                    if (leader == null) {
                        batch.complete(tp, new TributaryException(Errors.LEADER_NOT_AVAILABLE, tp + " has no leader"));
                    } else {
                        byLeader.computeIfAbsent(leader, n -> new ArrayList<>()).add(tp);
                    }
                }
            }
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            byLeader.forEach((node, tps) -> sends.add(send.apply(node, tps).exceptionally(e -> {
                Throwable cause = AdminCalls.unwrap(e);
                TributaryException te = cause instanceof TributaryException x ? x
                    : new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "cannot " + what + " " + tps + ": " + cause, cause);
                tps.forEach(tp -> batch.complete(tp, te));
                return null;
            })));
            return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).thenApply(x -> batch.finish());
        });
    }
}
