package io.tributary.clients.admin.internals;

import io.tributary.clients.Node;
import io.tributary.clients.admin.AlterConfigOp;
import io.tributary.clients.admin.ConfigEntry;
import io.tributary.clients.admin.ConfigResource;
import io.tributary.common.Errors;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeConfigs and IncrementalAlterConfigs. A broker's settings are asked of that broker (by id); topic
 * settings of any broker. One request per target broker, so resources are grouped by where they go.
 */
public final class ConfigOperations {
    private final AdminCalls calls;

    public ConfigOperations(AdminCalls calls) {
        this.calls = calls;
    }

    /** DescribeConfigs v1+, all keys, without synonyms or documentation. */
    public CompletableFuture<Map<ConfigResource, List<ConfigEntry>>> describe(Collection<ConfigResource> resources) {
        List<ConfigResource> all = new ArrayList<>(new LinkedHashSet<>(resources));
        Batch<ConfigResource, List<ConfigEntry>> batch = new Batch<>(all);
        return calls.call("describe configs of " + all, a -> {
            List<ConfigResource> todo = batch.beginAttempt();
            return a.metadata(List.of()).thenCompose(cluster -> {
                Map<Node, List<ConfigResource>> byNode = byNode(todo, cluster.nodes());
                List<CompletableFuture<Void>> sends = new ArrayList<>();
                byNode.forEach((node, rs) -> sends.add(a.send(node, ApiKey.DESCRIBE_CONFIGS, v -> {
                    Struct r = DescribeConfigsRequest.SCHEMA.newStruct();
                    for (ConfigResource res : rs) {
                        r.addElement("resources").set("resourceType", res.type().code())
                            .set("resourceName", res.name()).set("configurationKeys", null);
                    }
                    return r;
                }).thenAccept(resp -> {
                    for (Struct res : resp.body().getStructs("results")) {
                        ConfigResource key = new ConfigResource(ConfigResource.Type.forCode(res.getInt8("resourceType")),
                            res.getString("resourceName"));
                        Errors err = Errors.forCode(res.getInt16("errorCode"));
                        if (err != Errors.NONE) {
                            batch.complete(key, AdminCalls.error(err, res.getString("errorMessage"),
                                err == Errors.UNKNOWN_TOPIC_OR_PARTITION ? "cannot describe configs of " + key
                                    + ": it does not exist" : "cannot describe configs of " + key));
                            continue;
                        }
                        List<ConfigEntry> entries = new ArrayList<>();
                        for (Struct c : res.getStructs("configs")) {
                            entries.add(new ConfigEntry(c.getString("name"), c.getString("value"),
                                ConfigEntry.Source.forCode(c.getInt8("configSource")), c.getBool("readOnly"),
                                c.getBool("isSensitive")));
                        }
                        batch.succeed(key, List.copyOf(entries));
                    }
                }).exceptionally(e -> failAll(batch, rs, e))));
                return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0]))
                    .thenApply(x -> batch.finish());
            });
        });
    }

    /** IncrementalAlterConfigs v0+. */
    public CompletableFuture<Void> incrementalAlter(Map<ConfigResource, Collection<AlterConfigOp>> changes) {
        Map<ConfigResource, List<AlterConfigOp>> copy = new LinkedHashMap<>();
        changes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        Batch<ConfigResource, Boolean> batch = new Batch<>(copy.keySet());
        return calls.call("alter configs of " + copy.keySet(), a -> {
            List<ConfigResource> todo = batch.beginAttempt();
            return a.metadata(List.of()).thenCompose(cluster -> {
                Map<Node, List<ConfigResource>> byNode = byNode(todo, cluster.nodes());
                List<CompletableFuture<Void>> sends = new ArrayList<>();
                byNode.forEach((node, rs) -> sends.add(a.send(node, ApiKey.INCREMENTAL_ALTER_CONFIGS, v -> {
                    Struct r = IncrementalAlterConfigsRequest.SCHEMA.newStruct().set("validateOnly", false);
                    for (ConfigResource res : rs) {
                        Struct s = r.addElement("resources").set("resourceType", res.type().code())
                            .set("resourceName", res.name());
                        for (AlterConfigOp op : copy.get(res)) {
                            s.addElement("configs").set("name", op.name()).set("configOperation", op.type().code())
                                .set("value", op.value());
                        }
                    }
                    return r;
                }).thenAccept(resp -> {
                    for (Struct res : resp.body().getStructs("responses")) {
                        ConfigResource key = new ConfigResource(ConfigResource.Type.forCode(res.getInt8("resourceType")),
                            res.getString("resourceName"));
                        Errors err = Errors.forCode(res.getInt16("errorCode"));
                        if (err == Errors.NONE) {
                            batch.succeed(key, Boolean.TRUE);
                        } else {
                            batch.complete(key, AdminCalls.error(err, res.getString("errorMessage"),
                                "cannot alter configs of " + key));
                        }
                    }
                }).exceptionally(e -> failAll(batch, rs, e))));
                return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0]))
                    .thenApply(x -> {
                        batch.finish();
                        return (Void) null;
                    });
            });
        });
    }

    private Map<Node, List<ConfigResource>> byNode(List<ConfigResource> resources, Map<Integer, Node> nodes) {
        Map<Node, List<ConfigResource>> out = new LinkedHashMap<>();
        Node any = calls.anyNode();
        for (ConfigResource r : resources) {
            Node target = any;
            if (r.type() == ConfigResource.Type.BROKER || r.type() == ConfigResource.Type.BROKER_LOGGER) {
                try {
                    Node n = nodes.get(Integer.parseInt(r.name()));
                    target = n != null ? n : any;
                } catch (NumberFormatException e) {
                    target = any; // "" is the cluster-wide default: any broker answers
                }
            }
            out.computeIfAbsent(target, n -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static <V> Void failAll(Batch<ConfigResource, V> batch, List<ConfigResource> rs, Throwable e) {
        Throwable cause = AdminCalls.unwrap(e);
        io.tributary.common.TributaryException te = cause instanceof io.tributary.common.TributaryException x ? x
            : new io.tributary.common.TributaryException(Errors.UNKNOWN_SERVER_ERROR, "cannot reach the broker for "
                + rs + ": " + cause, cause);
        rs.forEach(r -> batch.complete(r, te));
        return null;
    }
}
