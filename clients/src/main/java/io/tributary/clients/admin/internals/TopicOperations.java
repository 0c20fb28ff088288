package io.tributary.clients.admin.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.admin.ClusterDescription;
import io.tributary.clients.admin.CreateTopicResult;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.common.Uuid;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.CreatePartitionsRequest;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DescribeClusterRequest;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Topic and cluster operations. CreateTopics, DeleteTopics and CreatePartitions go to the controller named in the
 * metadata (any broker when there is none); listing and describing topics read the metadata of any broker.
 */
public final class TopicOperations {
    private final AdminCalls calls;

    public TopicOperations(AdminCalls calls) {
        this.calls = calls;
    }

    /** CreateTopics v2+; -1 partitions or replication factor (the broker's defaults) need v4+. */
    public CompletableFuture<Map<String, CreateTopicResult>> createTopics(Collection<NewTopic> topics,
                                                                         boolean validateOnly) {
        Map<String, NewTopic> byName = new LinkedHashMap<>();
        for (NewTopic t : topics) {
            if (byName.put(t.name(), t) != null) {
                return CompletableFuture.failedFuture(new TributaryException(Errors.INVALID_REQUEST,
                    "topic " + t.name() + " is named more than once"));
            }
        }
        Batch<String, CreateTopicResult> batch = new Batch<>(byName.keySet());
        String verb = validateOnly ? "validate" : "create";
        return calls.call(verb + " topics " + byName.keySet(), a -> {
            List<String> todo = batch.beginAttempt();
            return a.controller().thenCompose(node -> a.send(node, ApiKey.CREATE_TOPICS, v -> {
                Struct r = CreateTopicsRequest.SCHEMA.newStruct().set("timeoutMs", a.remainingMs())
                    .set("validateOnly", validateOnly);
                for (String name : todo) {
                    NewTopic t = byName.get(name);
                    if (v < 4 && (t.partitions() == -1 || t.replicationFactor() == -1)) {
                        throw new TributaryException(Errors.UNSUPPORTED_VERSION, "topic " + name + ": the broker's "
                            + "default partitions or replication factor need CreateTopics v4 (broker offers v" + v + ")");
                    }
                    Struct s = r.addElement("topics").set("name", name).set("numPartitions", t.partitions())
                        .set("replicationFactor", t.replicationFactor());
                    t.configs().forEach((k, val) -> s.addElement("configs").set("name", k).set("value", val));
                }
                return r;
            })).thenApply(resp -> {
                for (Struct t : resp.body().getStructs("topics")) {
                    String name = t.getString("name");
                    Errors err = Errors.forCode(t.getInt16("errorCode"));
                    if (err == Errors.NONE) {
                        Uuid id = resp.version() >= 7 ? t.getUuid("topicId") : Uuid.ZERO;
                        int parts = resp.version() >= 5 ? t.getInt32("numPartitions") : -1;
                        short rf = resp.version() >= 5 ? t.getInt16("replicationFactor") : -1;
                        batch.succeed(name, new CreateTopicResult(name, id, parts, rf));
                    } else {
                        batch.complete(name, AdminCalls.error(err, t.getString("errorMessage"),
                            "cannot " + verb + " topic " + name));
                    }
                }
                return batch.finish();
            });
        });
    }

    /** DeleteTopics v1+, by name (v6 in the topics array, before in topicNames). */
    public CompletableFuture<Void> deleteTopics(Collection<String> names) {
        Batch<String, Boolean> batch = new Batch<>(new TreeSet<>(names));
        return calls.call("delete topics " + names, a -> {
            List<String> todo = batch.beginAttempt();
            return a.controller().thenCompose(node -> a.send(node, ApiKey.DELETE_TOPICS, v -> {
                Struct r = DeleteTopicsRequest.SCHEMA.newStruct().set("timeoutMs", a.remainingMs());
                if (v >= 6) {
                    for (String n : todo) {
                        r.addElement("topics").set("name", n).set("topicId", Uuid.ZERO);
                    }
                } else {
                    r.set("topicNames", new ArrayList<>(todo));
                }
                return r;
            })).thenApply(resp -> {
                for (Struct t : resp.body().getStructs("responses")) {
                    String name = t.getString("name");
                    Errors err = Errors.forCode(t.getInt16("errorCode"));
                    if (err == Errors.NONE) {
                        batch.succeed(name, Boolean.TRUE);
                    } else {
                        batch.complete(name, AdminCalls.error(err, resp.version() >= 5 ? t.getString("errorMessage")
                            : null, "cannot delete topic " + name));
                    }
                }
                batch.finish();
                return null;
            });
        });
    }

    /** Metadata for every topic. */
    public CompletableFuture<Set<String>> listTopics(boolean includeInternal) {
        return calls.call("list topics", a -> a.metadata(null).thenApply(c -> {
            Set<String> names = new TreeSet<>();
            for (Cluster.Topic t : c.topics().values()) {
                if (t.error() == Errors.NONE && (includeInternal || !t.internal())) {
                    names.add(t.name());
                }
            }
            return names;
        }));
    }

    /** Metadata for the named topics; an unknown one fails with UNKNOWN_TOPIC_OR_PARTITION. */
    public CompletableFuture<Map<String, TopicDescription>> describeTopics(Collection<String> names) {
        List<String> wanted = List.copyOf(new TreeSet<>(names));
        Batch<String, TopicDescription> batch = new Batch<>(wanted);
        return calls.call("describe topics " + wanted, a -> {
            List<String> todo = batch.beginAttempt();
            return a.metadata(todo).thenApply(c -> {
                for (String name : todo) {
                    Cluster.Topic t = c.topics().get(name);
                    if (t == null) {
                        batch.fail(name, new TributaryException(Errors.UNKNOWN_TOPIC_OR_PARTITION,
                            "topic " + name + " does not exist"));
                    } else if (t.error() == Errors.NONE) {
                        batch.succeed(name, new TopicDescription(name, t.id() == null ? Uuid.ZERO : t.id(),
                            t.internal(), t.partitions()));
                    } else if (t.error() == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                        batch.fail(name, new TributaryException(t.error(), "topic " + name + " does not exist"));
                    } else {
                        batch.complete(name, AdminCalls.error(t.error(), null, "cannot describe topic " + name));
                    }
                }
                return batch.finish();
            });
        });
    }

    /** CreatePartitions v0+, without manual assignments. */
    public CompletableFuture<Void> createPartitions(Map<String, Integer> counts, boolean validateOnly) {
        Map<String, Integer> copy = new LinkedHashMap<>(counts);
        Batch<String, Boolean> batch = new Batch<>(copy.keySet());
        return calls.call("create partitions " + copy, a -> {
            List<String> todo = batch.beginAttempt();
            return a.controller().thenCompose(node -> a.send(node, ApiKey.CREATE_PARTITIONS, v -> {
                Struct r = CreatePartitionsRequest.SCHEMA.newStruct().set("timeoutMs", a.remainingMs())
                    .set("validateOnly", validateOnly);
                for (String name : todo) {
                    r.addElement("topics").set("name", name).set("count", copy.get(name)).set("assignments", null);
                }
                return r;
            })).thenApply(resp -> {
                for (Struct t : resp.body().getStructs("results")) {
                    String name = t.getString("name");
                    Errors err = Errors.forCode(t.getInt16("errorCode"));
                    if (err == Errors.NONE) {
                        batch.succeed(name, Boolean.TRUE);
                    } else {
                        batch.complete(name, AdminCalls.error(err, t.getString("errorMessage"),
                            "cannot grow topic " + name + " to " + copy.get(name) + " partitions"));
                    }
                }
                batch.finish();
                return null;
            });
        });
    }

    /** DescribeCluster (v0+), or the metadata when the broker does not offer it. */
    public CompletableFuture<ClusterDescription> describeCluster() {
        return calls.call("describe cluster", a -> a.send(calls.anyNode(), ApiKey.DESCRIBE_CLUSTER,
            v -> DescribeClusterRequest.SCHEMA.newStruct()).thenApply(resp -> {
                Struct b = resp.body();
                Errors err = Errors.forCode(b.getInt16("errorCode"));
                if (err != Errors.NONE) {
                    throw AdminCalls.error(err, b.getString("errorMessage"), "cannot describe the cluster");
                }
                List<Node> nodes = new ArrayList<>();
                Node controller = null;
                for (Struct n : b.getStructs("brokers")) {
                    Node node = new Node(n.getInt32("brokerId"), n.getString("host"), n.getInt32("port"));
                    nodes.add(node);
                    if (node.id() == b.getInt32("controllerId")) {
                        controller = node;
                    }
                }
                nodes.sort(Comparator.comparingInt(Node::id));
                return new ClusterDescription(b.getString("clusterId"), controller, nodes);
            }).exceptionallyCompose(e -> {
                Throwable cause = AdminCalls.unwrap(e);
                if (cause instanceof TributaryException te && te.error() == Errors.UNSUPPORTED_VERSION) {
                    return a.metadata(List.of()).thenApply(c -> {
                        List<Node> nodes = new ArrayList<>(c.nodes().values());
                        nodes.sort(Comparator.comparingInt(Node::id));
                        return new ClusterDescription(c.clusterId(), c.nodes().get(c.controllerId()), nodes);
                    });
                }
                return CompletableFuture.failedFuture(cause);
            }));
    }
}
