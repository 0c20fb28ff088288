package io.tributary.clients.admin.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.internals.Metadata;
import io.tributary.clients.internals.NetworkClient;
import io.tributary.common.Errors;
import io.tributary.common.TimeoutException;
import io.tributary.common.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.types.Struct;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every admin operation shares: the retry loop within {@code default.api.timeout.ms}, the choice of broker
 * (any, the controller, a group's coordinator) and readable errors.
 *
 * <p>An operation is a function from an {@link Attempt} to a future; {@link #call} runs it again after
 * {@code retry.backoff.ms} (doubling up to {@code retry.backoff.max.ms}) while it fails with an error in
 * {@link #RETRIABLE}, and fails with a {@link TimeoutException} naming the operation once the time is up.
 * Everything runs on the network client's I/O thread; nothing here blocks.
 */
public final class AdminCalls {
    private static final Logger log = LoggerFactory.getLogger(AdminCalls.class);

    /**
     * Errors after which the same request may succeed. Narrower than {@link Errors#isRetriable()}: an unknown topic
     * is final for an admin operation (Kafka's Admin does not wait for it either).
     */
    static final Set<Errors> RETRIABLE = EnumSet.of(Errors.NETWORK_EXCEPTION, Errors.REQUEST_TIMED_OUT,
        Errors.NOT_COORDINATOR, Errors.COORDINATOR_LOAD_IN_PROGRESS, Errors.COORDINATOR_NOT_AVAILABLE,
        Errors.NOT_CONTROLLER, Errors.LEADER_NOT_AVAILABLE, Errors.NOT_LEADER_OR_FOLLOWER,
        Errors.REPLICA_NOT_AVAILABLE, Errors.FENCED_LEADER_EPOCH, Errors.UNKNOWN_LEADER_EPOCH,
        Errors.OFFSET_NOT_AVAILABLE, Errors.UNSTABLE_OFFSET_COMMIT, Errors.REBALANCE_IN_PROGRESS,
        Errors.THROTTLING_QUOTA_EXCEEDED, Errors.KAFKA_STORAGE_ERROR);

    /** Errors after which a group's coordinator must be looked up again. */
    private static final Set<Errors> COORDINATOR_MOVED = EnumSet.of(Errors.NOT_COORDINATOR,
        Errors.COORDINATOR_NOT_AVAILABLE, Errors.NETWORK_EXCEPTION, Errors.REQUEST_TIMED_OUT);

    private final NetworkClient network;
    private final Metadata metadata;
    private final long retryBackoffMs;
    private final long retryBackoffMaxMs;
    private final int apiTimeoutMs;
    private final Map<String, Node> coordinators = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public AdminCalls(NetworkClient network, Metadata metadata, long retryBackoffMs, long retryBackoffMaxMs,
                      int apiTimeoutMs) {
        this.network = network;
        this.metadata = metadata;
        this.retryBackoffMs = retryBackoffMs;
        this.retryBackoffMaxMs = Math.max(retryBackoffMs, retryBackoffMaxMs);
        this.apiTimeoutMs = apiTimeoutMs;
    }

    /** One try of an operation: sends requests bounded by what is left of the operation's time. */
    public final class Attempt {
        private final long deadline;

        Attempt(long deadline) {
            this.deadline = deadline;
        }

        /** Milliseconds left for the operation (at least 1). */
        public int remainingMs() {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline - System.currentTimeMillis()));
        }

        /** Sends a request at the highest version both sides know (at most {@code maxVersion}). */
        public CompletableFuture<NetworkClient.Response> send(Node node, ApiKey api, NetworkClient.BodyBuilder body,
                                                              short maxVersion) {
            int timeout = Math.min(network.requestTimeoutMs(), remainingMs());
            return network.send(node, api, body, maxVersion, timeout, true);
        }

        /** As {@link #send(Node, ApiKey, NetworkClient.BodyBuilder, short)} at the latest version. */
        public CompletableFuture<NetworkClient.Response> send(Node node, ApiKey api, NetworkClient.BodyBuilder body) {
            return send(node, api, body, api.latestVersion());
        }

        /** Fresh cluster metadata for {@code topics} (an empty list: brokers and controller only). */
        public CompletableFuture<Cluster> metadata(List<String> topics) {
            if (topics != null && topics.isEmpty()) {
                return metadata.update();
            }
            return metadata.fetch(topics, false);
        }

        /** The controller, or any broker when the cluster names none. */
        public CompletableFuture<Node> controller() {
            return metadata.update().thenApply(c -> {
                Node n = c.nodes().get(c.controllerId());
                return n != null ? n : metadata.anyNode();
            });
        }

        /** Runs {@code request} against the coordinator of {@code groupId}, forgetting it if it moved. */
        public <T> CompletableFuture<T> withCoordinator(String groupId, Function<Node, CompletableFuture<T>> request) {
            return coordinator(groupId, this).thenCompose(request).whenComplete((v, e) -> {
                if (e != null && unwrap(e) instanceof TributaryException te && COORDINATOR_MOVED.contains(te.error())) {
                    coordinators.remove(groupId);
                }
            });
        }
    }

    /** A broker to send a request to. */
    public Node anyNode() {
        return metadata.anyNode();
    }

    /** The time limit of every operation ({@code default.api.timeout.ms}). */
    public int apiTimeoutMs() {
        return apiTimeoutMs;
    }

    /**
     * Runs {@code operation} until it succeeds, fails with an error that retrying cannot fix, or
     * {@code default.api.timeout.ms} has passed.
     *
     * @param name what the operation does, for the timeout's message ("describe consumer group g1")
     */
    public <T> CompletableFuture<T> call(String name, Function<Attempt, CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        run(name, operation, result, System.currentTimeMillis() + apiTimeoutMs, 0, null);
        return result;
    }

    private <T> void run(String name, Function<Attempt, CompletableFuture<T>> operation, CompletableFuture<T> result,
                         long deadline, int tries, Throwable last) {
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the admin client is closed"));
            return;
        }
        if (System.currentTimeMillis() >= deadline) {
            result.completeExceptionally(timeout(name, last));
            return;
        }
        CompletableFuture<T> f;
        try {
            f = operation.apply(new Attempt(deadline));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((v, e) -> {
            if (e == null) {
                result.complete(v);
                return;
            }
            Throwable cause = unwrap(e);
            if (!isRetriable(cause) || closed) {
                result.completeExceptionally(cause);
                return;
            }
            long backoff = (long) Math.min(retryBackoffMaxMs, retryBackoffMs * Math.pow(2, Math.min(tries, 20)));
            // waits at most until the deadline, where run() fails with the timeout and the last error
            long delay = Math.max(0, Math.min(backoff, deadline - System.currentTimeMillis()));
            log.debug("{}: {}; retrying in {} ms", name, cause.getMessage(), delay);
            try {
                network.schedule(() -> run(name, operation, result, deadline, tries + 1, cause), delay);
            } catch (RuntimeException rejected) {
                result.completeExceptionally(new IllegalStateException("the admin client is closed", rejected));
            }
        });
    }

    private TimeoutException timeout(String name, Throwable last) {
        return new TimeoutException(name + " did not complete within default.api.timeout.ms (" + apiTimeoutMs
            + " ms)" + (last == null ? "" : "; last error: " + last.getMessage()), last);
    }

    /** Whether an operation that failed with {@code e} may succeed if tried again. */
    public static boolean isRetriable(Throwable e) {
        return e instanceof TributaryException te && RETRIABLE.contains(te.error());
    }

    /** Whether an operation that failed with {@code error} may succeed if tried again. */
    public static boolean isRetriable(Errors error) {
        return RETRIABLE.contains(error);
    }

    /** The exception for an error code in a response: {@code what} (e.g. "cannot create topic t") and the reason. */
    public static TributaryException error(Errors error, String brokerMessage, String what) {
        String reason = brokerMessage == null || brokerMessage.isBlank() ? error.message() : brokerMessage;
        return new TributaryException(error, what + ": " + reason + " (" + error.name() + ")");
    }

    /** The exception inside a future's failure. */
    public static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private CompletableFuture<Node> coordinator(String groupId, Attempt attempt) {
        Node known = coordinators.get(groupId);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return attempt.send(anyNode(), ApiKey.FIND_COORDINATOR, v -> {
            Struct r = FindCoordinatorRequest.SCHEMA.newStruct().set("keyType", (byte) 0);
            if (v >= 4) {
                r.set("coordinatorKeys", List.of(groupId)); // v4+ (KIP-699) looks up keys in batches
            } else {
                r.set("key", groupId);
            }
            return r;
        }).thenApply(resp -> {
            Struct b = resp.body();
            Struct c = b;
            if (resp.version() >= 4) {
                List<Struct> cs = b.getStructs("coordinators");
                if (cs.isEmpty()) {
                    throw new TributaryException(Errors.COORDINATOR_NOT_AVAILABLE,
                        "no coordinator in the FindCoordinator response for group " + groupId);
                }
                c = cs.get(0);
            }
            Errors err = Errors.forCode(c.getInt16("errorCode"));
            if (err != Errors.NONE) {
                throw error(err, c.getString("errorMessage"), "cannot find the coordinator of group " + groupId);
            }
            Node n = new Node(c.getInt32("nodeId"), c.getString("host"), c.getInt32("port"));
            coordinators.put(groupId, n);
            return n;
        });
    }

    /** Stops retrying: operations in their back-off fail. */
    public void close() {
        closed = true;
    }
}
