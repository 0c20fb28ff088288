package io.tributary.clients.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.PartitionInfo;
import io.tributary.common.Errors;
import io.tributary.common.TimeoutException;
import io.tributary.common.TributaryException;
import io.tributary.common.Uuid;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A client's view of the cluster: the latest {@link Cluster} snapshot for the topics it uses, refreshed on demand
 * (an unknown topic, a NOT_LEADER error) and when older than {@code metadata.max.age.ms}. At most one refresh is in
 * flight; callers asking meanwhile share its result. Requests go to a random known broker, or to a bootstrap
 * address before the first answer.
 */
public final class Metadata {
    /** Bound on {@link #knownPartitions}' per-snapshot cache (a client cycling through many topics stops adding). */
    private static final int MAX_CACHED_TOPICS = 10_000;

    private final NetworkClient network;
    private final List<Node> bootstrap;
    private final long maxAgeMs;
    private final long retryBackoffMs;
    private final boolean allowAutoCreate;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private volatile boolean allTopics;
    private volatile Cluster cluster = Cluster.empty();
    private CompletableFuture<Cluster> inFlight;
    private volatile boolean updateRequested;
    /** Topics looked up in the current snapshot, keyed by the callers' own name strings (see awaitPartitions). */
    private volatile PartitionsCache partitionsCache = new PartitionsCache(cluster);

    public Metadata(NetworkClient network, List<Node> bootstrap, long maxAgeMs, long retryBackoffMs,
                    boolean allowAutoCreate) {
        this.network = network;
        this.bootstrap = List.copyOf(bootstrap);
        this.maxAgeMs = maxAgeMs;
        this.retryBackoffMs = retryBackoffMs;
        this.allowAutoCreate = allowAutoCreate;
    }

    /** Parses {@code bootstrap.servers} entries ({@code host:port}) into nodes with ids -1, -2, ... */
    public static List<Node> parseBootstrap(List<String> servers) {
        List<Node> nodes = new ArrayList<>();
        for (String s : servers) {
            String t = s.trim();
            if (t.isEmpty()) {
                continue;
            }
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1) {
                throw new io.tributary.common.config.ConfigException("bootstrap.servers", s, "host:port");
            }
            String host = t.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new io.tributary.common.config.ConfigException("bootstrap.servers", s, "host:port");
            }
            nodes.add(new Node(-1 - nodes.size(), host, port));
        }
        if (nodes.isEmpty()) {
            throw new io.tributary.common.config.ConfigException("bootstrap.servers", servers,
                "at least one host:port");
        }
        return nodes;
    }

    /** The latest snapshot. */
    public Cluster cluster() {
        return cluster;
    }

    /** Adds topics to keep metadata for; returns true if any was new. */
    public boolean addTopics(Collection<String> names) {
        return topics.addAll(names);
    }

    /** Keeps metadata for exactly these topics from now on. */
    public void setTopics(Collection<String> names) {
        topics.retainAll(names);
        topics.addAll(names);
    }

    /** Asks for metadata of every topic (pattern subscriptions). */
    public void setAllTopics(boolean all) {
        this.allTopics = all;
    }

    /** Marks the snapshot stale so the next {@link #maybeUpdate()} refreshes it. */
    public void requestUpdate() {
        updateRequested = true;
    }

    /** Starts a refresh if one was requested or the snapshot is older than metadata.max.age.ms. */
    public void maybeUpdate() {
        if (updateRequested || System.currentTimeMillis() - cluster.updatedAtMs() >= maxAgeMs) {
            update();
        }
    }

    /** Starts a refresh (or joins the one in flight); the future completes with the new snapshot. */
    public synchronized CompletableFuture<Cluster> update() {
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        updateRequested = false;
        CompletableFuture<Cluster> f = fetch(allTopics ? null : List.copyOf(topics), allowAutoCreate);
        inFlight = f.thenApply(c -> {
            cluster = c;
            return c;
        });
        inFlight.whenComplete((c, e) -> {
            if (e != null) {
                updateRequested = true;
            }
        });
        return inFlight;
    }

    /**
     * Waits until {@code topic} has partitions in the snapshot (refreshing as needed) and returns them.
     *
     * @throws TimeoutException   if it does not appear within {@code maxWaitMs}
     * @throws TributaryException if the broker reports a non-retriable error for it (an invalid name, say)
     */
    public List<PartitionInfo> awaitPartitions(String topic, long maxWaitMs) {
        List<PartitionInfo> ps = knownPartitions(topic);
        if (!ps.isEmpty()) {
            return ps;
        }
        addTopics(List.of(topic));
        long deadline = System.currentTimeMillis() + maxWaitMs;
        Throwable last = null;
        while (true) {
            long remaining = deadline - System.currentTimeMillis();
            if (remaining <= 0) {
                Cluster.Topic t = cluster.topics().get(topic);
                String why = t != null && t.error() != Errors.NONE ? " (" + t.error() + ")"
                    : last != null ? " (" + last.getMessage() + ")" : "";
                throw new TimeoutException("topic " + topic + " not present in metadata after " + maxWaitMs
                    + " ms" + why);
            }
            try {
                Cluster c = update().get(remaining, TimeUnit.MILLISECONDS);
                Cluster.Topic t = c.topics().get(topic);
                if (t != null && t.error() == Errors.NONE && !t.partitions().isEmpty()) {
                    return t.partitions();
                }
                if (t != null && t.error() != Errors.NONE && !t.error().isRetriable()) {
                    throw t.error().exception("topic " + topic);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                continue;
            } catch (ExecutionException e) {
                last = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "interrupted while waiting for metadata");
            }
            sleep(Math.min(retryBackoffMs, Math.max(0, deadline - System.currentTimeMillis())));
        }
    }

    /**
     * {@code cluster().partitionsFor(topic)}, remembered per snapshot: a producer asks on every send, and the
     * snapshot's own map compares the caller's name with its own copy character by character, while this cache,
     * filled with the caller's string, mostly answers on reference equality.
     */
    private List<PartitionInfo> knownPartitions(String topic) {
        Cluster c = cluster;
        PartitionsCache pc = partitionsCache;
        if (pc.cluster != c) {
            pc = new PartitionsCache(c);
            partitionsCache = pc;
        }
        List<PartitionInfo> ps = pc.byTopic.get(topic);
        if (ps == null) {
            ps = c.partitionsFor(topic);
            if (!ps.isEmpty() && pc.byTopic.size() < MAX_CACHED_TOPICS) {
                pc.byTopic.putIfAbsent(topic, ps);
            }
        }
        return ps;
    }

    /** The non-empty partition lists looked up in one snapshot. */
    private static final class PartitionsCache {
        final Cluster cluster;
        final Map<String, List<PartitionInfo>> byTopic = new ConcurrentHashMap<>();

        PartitionsCache(Cluster cluster) {
            this.cluster = cluster;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "interrupted while waiting for metadata");
        }
    }

    /** A broker to send a request to: a random known broker, else a bootstrap address. */
    public Node anyNode() {
        List<Node> known = new ArrayList<>(cluster.nodes().values());
        if (known.isEmpty()) {
            known = bootstrap;
        }
        for (Node n : known) {
            if (network.isReady(n)) {
                return n;
            }
        }
        return known.get(ThreadLocalRandom.current().nextInt(known.size()));
    }

    /**
     * Fetches metadata for {@code names} (null: every topic) without touching the shared snapshot. Tries another
     * broker after a network failure until {@code request.timeout.ms} has passed.
     */
    public CompletableFuture<Cluster> fetch(List<String> names, boolean autoCreate) {
        CompletableFuture<Cluster> result = new CompletableFuture<>();
        attempt(names, autoCreate, result, System.currentTimeMillis() + network.requestTimeoutMs());
        return result;
    }

    private void attempt(List<String> names, boolean autoCreate, CompletableFuture<Cluster> result, long deadline) {
        Node node = anyNode();
        network.send(node, ApiKey.METADATA, v -> {
            Struct r = MetadataRequest.SCHEMA.newStruct().set("allowAutoTopicCreation", autoCreate);
            if (names == null) {
                r.set("topics", null);
            } else {
                r.set("topics", new ArrayList<Struct>());
                for (String n : names) {
                    r.addElement("topics").set("name", n);
                }
            }
            return r;
        }, ApiKey.METADATA.latestVersion()).whenComplete((resp, e) -> {
            if (e == null) {
                try {
                    result.complete(parse(resp.body()));
                } catch (RuntimeException ex) {
                    result.completeExceptionally(ex);
                }
                return;
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
            boolean retriable = cause instanceof TributaryException te && te.isRetriable();
            long wait = retryBackoffMs;
            if (retriable && System.currentTimeMillis() + wait < deadline) {
                network.schedule(() -> attempt(names, autoCreate, result, deadline), wait);
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    static Cluster parse(Struct body) {
        Map<Integer, Node> nodes = new HashMap<>();
        for (Struct b : body.getStructs("brokers")) {
            int id = b.getInt32("nodeId");
            nodes.put(id, new Node(id, b.getString("host"), b.getInt32("port")));
        }
        Map<String, Cluster.Topic> topics = new HashMap<>();
        for (Struct t : body.getStructs("topics")) {
            String name = t.getString("name");
            if (name == null) {
                continue;
            }
            List<PartitionInfo> parts = new ArrayList<>();
            for (Struct p : t.getStructs("partitions")) {
                int leaderId = p.getInt32("leaderId");
                parts.add(new PartitionInfo(name, p.getInt32("partitionIndex"), nodes.get(leaderId),
                    p.getInt32("leaderEpoch"), nodesOf(nodes, p.getArray("replicaNodes")),
                    nodesOf(nodes, p.getArray("isrNodes"))));
            }
            parts.sort(Comparator.comparingInt(PartitionInfo::partition));
            Uuid id = (Uuid) t.get("topicId");
            topics.put(name, new Cluster.Topic(name, id, Errors.forCode(t.getInt16("errorCode")),
                t.getBool("isInternal"), List.copyOf(parts)));
        }
        return new Cluster(body.getString("clusterId"), body.getInt32("controllerId"), Map.copyOf(nodes),
            Map.copyOf(topics), System.currentTimeMillis());
    }

    private static List<Node> nodesOf(Map<Integer, Node> nodes, List<Integer> ids) {
        List<Node> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            Node n = nodes.get(id);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
