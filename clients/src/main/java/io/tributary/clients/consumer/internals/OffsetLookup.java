package io.tributary.clients.consumer.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.internals.Metadata;
import io.tributary.clients.internals.NetworkClient;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets for the consumer: earliest (-2), latest (-1) or the first offset at or after a timestamp, asked of
 * each partition's leader, retrying leadership errors until the deadline.
 */
public final class OffsetLookup {
    /** ListOffsets' special timestamps. */
    public static final long LATEST = -1L;
    public static final long EARLIEST = -2L;

    /** An answer: the offset (-1 if none) and the timestamp of that record (-1 if not asked). */
    public record Result(long offset, long timestamp) {
    }

    private final NetworkClient network;
    private final Metadata metadata;
    private final Blocking blocking;
    private final long retryBackoffMs;
    private final byte isolationLevel;

    public OffsetLookup(NetworkClient network, Metadata metadata, Blocking blocking, long retryBackoffMs,
                        byte isolationLevel) {
        this.network = network;
        this.metadata = metadata;
        this.blocking = blocking;
        this.retryBackoffMs = retryBackoffMs;
        this.isolationLevel = isolationLevel;
    }

    /** Looks up every partition's offset for its timestamp spec, waiting until {@code deadlineMs}. */
    public Map<TopicPartition, Result> lookup(Map<TopicPartition, Long> specs, long deadlineMs) {
        Map<TopicPartition, Result> out = new LinkedHashMap<>();
        Map<TopicPartition, Long> left = new LinkedHashMap<>(specs);
        while (!left.isEmpty()) {
            metadata.addTopics(left.keySet().stream().map(TopicPartition::topic).toList());
            Cluster cluster = metadata.cluster();
            Map<Node, Map<TopicPartition, Long>> byNode = new LinkedHashMap<>();
            boolean missing = false;
            for (Map.Entry<TopicPartition, Long> e : left.entrySet()) {
                Node leader = cluster.leaderFor(e.getKey().topic(), e.getKey().partition());
                if (leader == null) {
                    missing = true;
                } else {
                    byNode.computeIfAbsent(leader, k -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
                }
            }
            if (missing) {
                blocking.await(metadata.update(), deadlineMs, "metadata of " + left.keySet());
                Cluster c = metadata.cluster();
                for (TopicPartition tp : new ArrayList<>(left.keySet())) {
                    Cluster.Topic t = c.topics().get(tp.topic());
                    if (t != null && t.error() != Errors.NONE && !t.error().isRetriable()) {
                        throw t.error().exception("topic " + tp.topic());
                    }
                    if (t != null && t.error() == Errors.NONE && tp.partition() >= t.partitions().size()) {
                        throw new TributaryException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "partition " + tp
                            + " does not exist");
                    }
                }
                if (byNode.isEmpty()) {
                    blocking.sleep(Math.min(retryBackoffMs, Math.max(0, deadlineMs - System.currentTimeMillis())));
                    if (System.currentTimeMillis() >= deadlineMs) {
                        throw new io.tributary.common.TimeoutException("no leader known for " + left.keySet());
                    }
                    continue;
                }
            }
            List<CompletableFuture<Map<TopicPartition, Object>>> futures = new ArrayList<>();
            byNode.forEach((node, parts) -> futures.add(send(node, parts)));
            boolean retry = false;
            for (CompletableFuture<Map<TopicPartition, Object>> f : futures) {
                Map<TopicPartition, Object> answers;
                try {
                    answers = blocking.await(f, deadlineMs, "offsets of " + left.keySet());
                } catch (TributaryException e) {
                    if (!e.isRetriable() || e instanceof io.tributary.common.TimeoutException) {
                        throw e;
                    }
                    metadata.requestUpdate();
                    retry = true;
                    continue;
                }
                for (Map.Entry<TopicPartition, Object> a : answers.entrySet()) {
                    if (a.getValue() instanceof Result r) {
                        out.put(a.getKey(), r);
                        left.remove(a.getKey());
                    } else {
                        Errors err = (Errors) a.getValue();
                        if (!err.isRetriable()) {
                            throw err.exception("offsets of " + a.getKey());
                        }
                        metadata.requestUpdate();
                        retry = true;
                    }
                }
            }
            if (retry && !left.isEmpty()) {
                metadata.update();
                blocking.sleep(Math.min(retryBackoffMs, Math.max(0, deadlineMs - System.currentTimeMillis())));
                if (System.currentTimeMillis() >= deadlineMs) {
                    throw new io.tributary.common.TimeoutException("timed out looking up offsets of "
                        + left.keySet());
                }
            }
        }
        return out;
    }

    private CompletableFuture<Map<TopicPartition, Object>> send(Node node, Map<TopicPartition, Long> parts) {
        Map<String, List<Map.Entry<TopicPartition, Long>>> byTopic = new LinkedHashMap<>();
        parts.entrySet().forEach(e -> byTopic.computeIfAbsent(e.getKey().topic(), k -> new ArrayList<>()).add(e));
        return network.send(node, ApiKey.LIST_OFFSETS, v -> {
            Struct r = ListOffsetsRequest.SCHEMA.newStruct().set("replicaId", -1).set("isolationLevel", isolationLevel)
                .set("timeoutMs", network.requestTimeoutMs());
            byTopic.forEach((topic, list) -> {
                Struct t = r.addElement("topics").set("name", topic);
                list.forEach(e -> t.addElement("partitions").set("partitionIndex", e.getKey().partition())
                    .set("timestamp", e.getValue()));
            });
            return r;
        }, ApiKey.LIST_OFFSETS.latestVersion()).thenApply(resp -> {
            Map<TopicPartition, Object> out = new HashMap<>();
            for (Struct t : resp.body().getStructs("topics")) {
                for (Struct p : t.getStructs("partitions")) {
                    TopicPartition tp = new TopicPartition(t.getString("name"), p.getInt32("partitionIndex"));
                    Errors error = Errors.forCode(p.getInt16("errorCode"));
                    out.put(tp, error == Errors.NONE ? new Result(p.getInt64("offset"), p.getInt64("timestamp"))
                        : error);
                }
            }
            return out;
        });
    }
}
