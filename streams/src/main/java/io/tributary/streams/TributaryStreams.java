package io.tributary.streams;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.common.Errors;
import io.tributary.common.Time;
import io.tributary.common.TributaryException;
import io.tributary.common.config.ParsedConfig;
import io.tributary.streams.processor.internals.CopartitionedTopicsEnforcer;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.StreamThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Topology}: one stream thread that polls the source topics as consumer group
 * {@code application.id}, passes each record through the topology in order, sends the results, and every
 * {@code commit.interval.ms} commits the consumed offsets once everything sent is acknowledged (at-least-once).
 *
 * <pre>{@code
 * var streams = new TributaryStreams(builder.build(), Map.of(
 *     "application.id", "word-count", "bootstrap.servers", "localhost:9092"));
 * streams.start();
 * ...
 * streams.close(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>{@link #start()} creates the changelog topics of the topology's stores
 * ({@code <application.id>-<store>-changelog}: compacted, and for window stores also deleted after the retention
 * period plus a day; with as many partitions as the largest source topic) and repartition topics if
 * missing; the source topics must exist. States: CREATED → RUNNING → PENDING_SHUTDOWN → NOT_RUNNING, or ERROR
 * when the stream thread fails (its error is {@link #failure()}). Thread-safe.
 */
public final class TributaryStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TributaryStreams.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** The life cycle of an instance. */
    public enum State { CREATED, RUNNING, PENDING_SHUTDOWN, NOT_RUNNING, ERROR }

    /** Told of every state change (on the thread that caused it; keep it short). */
    @FunctionalInterface
    public interface StateListener {
        void onChange(State newState, State oldState);
    }

    private final InternalTopology topology;
    private final ParsedConfig config;
    private final Map<String, Object> clientSettings = new HashMap<>();
    private final ClientSupplier clients;
    private final String applicationId;
    private volatile State state = State.CREATED;
    private volatile StateListener listener = (n, o) -> { };
    private volatile Throwable failure;
    private StreamThread thread;

    /** An instance with settings from {@code props}; see {@link StreamsConfig}. */
    public TributaryStreams(Topology topology, Properties props) {
        this(topology, props, ClientSupplier.tributary());
    }

    /** An instance with settings from {@code config}; see {@link StreamsConfig}. */
    public TributaryStreams(Topology topology, Map<?, ?> config) {
        this(topology, config, ClientSupplier.tributary());
    }

    /**
     * An instance whose clients come from {@code clients}.
     *
     * @throws io.tributary.common.config.ConfigException for a missing or bad setting, among them
     *                                                   {@code processing.guarantee=exactly_once_v2}
     */
    public TributaryStreams(Topology topology, Map<?, ?> config, ClientSupplier clients) {
        this.topology = Objects.requireNonNull(topology, "topology").internal();
        this.clients = Objects.requireNonNull(clients, "clients");
        this.config = StreamsConfig.parse(config);
        this.applicationId = this.config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        StreamsConfig.checkNames(this.config, this.topology);
        this.config.unknown().forEach((k, v) -> {
            if (StreamsConfig.CLIENT_PREFIXES.stream().anyMatch(k::startsWith)) {
                clientSettings.put(k, v);
            } else {
                log.warn("{}: ignoring unknown setting {} (client settings take a prefix: {})", applicationId, k,
                    StreamsConfig.CLIENT_PREFIXES);
            }
        });
    }

    /** Registers the listener told of state changes (replacing any earlier one). */
    public void setStateListener(StateListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public State state() {
        return state;
    }

    /** The error that put the instance in ERROR, or null. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Creates missing changelog topics and starts the stream thread. Returns once the thread runs; records are
     * processed after the group assigns partitions.
     *
     * @throws IllegalStateException if already started
     * @throws TopologyException     if a source topic does not exist
     */
    public synchronized void start() {
        if (state != State.CREATED) {
            throw new IllegalStateException("state : " + state + " (expected: CREATED); start an instance once");
        }
        createInternalTopics();
        String bootstrap = config.getString(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        Map<String, Object> consumer = clientConfig("consumer.", Map.of("bootstrap.servers", bootstrap,
            "group.id", applicationId, "enable.auto.commit", false, "auto.offset.reset", "earliest",
            // co-partitioning: partition p of every source topic must go to the same instance (the task of p)
            "partition.assignment.strategy", "range"));
        Map<String, Object> restore = clientConfig("restore.consumer.", Map.of("bootstrap.servers", bootstrap,
            "enable.auto.commit", false, "auto.offset.reset", "earliest"));
        Map<String, Object> producer = clientConfig("producer.", Map.of("bootstrap.servers", bootstrap, "acks", "all"));
        thread = new StreamThread(applicationId + "-StreamThread-1", topology, applicationId,
            clients.consumer(consumer), clients.restoreConsumer(restore), clients.producer(producer),
            config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
            Duration.ofMillis(config.getLong(StreamsConfig.POLL_MS_CONFIG)), Time.SYSTEM, this::threadEnded);
        setState(State.RUNNING);
        thread.start();
    }

    private void threadEnded(Throwable error) {
        if (error != null) {
            failure = error;
            setState(State.ERROR);
        }
    }

    /**
     * Stops the stream thread after a final commit and waits for it at most {@code timeout}.
     *
     * @return true if the instance stopped in time (state NOT_RUNNING)
     */
    public boolean close(Duration timeout) {
        StreamThread t;
        synchronized (this) {
            if (state == State.NOT_RUNNING) {
                return true;
            }
            if (thread == null) {
                setState(State.NOT_RUNNING);
                return true;
            }
            if (state != State.PENDING_SHUTDOWN) {
                setState(State.PENDING_SHUTDOWN);
            }
            t = thread;
        }
        t.shutdown();
        try {
            t.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (t.isAlive()) {
                log.warn("{}: the stream thread did not stop within {}", applicationId, timeout);
                return false;
            }
            setState(State.NOT_RUNNING);
            return true;
        }
    }

    /** {@link #close(Duration)} waiting up to a minute. */
    @Override
    public void close() {
        close(Duration.ofMinutes(1));
    }

    private synchronized void setState(State newState) {
        State old = state;
        if (old == newState) {
            return;
        }
        state = newState;
        log.info("{}: state {} -> {}", applicationId, old, newState);
        try {
            listener.onChange(newState, old);
        } catch (RuntimeException e) {
            log.warn("{}: the state listener failed", applicationId, e);
        }
    }

    private Map<String, Object> clientConfig(String prefix, Map<String, Object> defaults) {
        Map<String, Object> out = new HashMap<>(defaults);
        clientSettings.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Checks that the source topics exist and creates the missing changelog and repartition topics. */
    private void createInternalTopics() {
        Map<String, Map<String, String>> changelogs = new java.util.LinkedHashMap<>();
        topology.stores().forEach((name, builder) -> {
            if (builder.loggingEnabled()) {
                changelogs.put(InternalTopology.changelogTopic(applicationId, name), builder.logConfig());
            }
        });
        Set<String> repartitions = topology.repartitionTopics(applicationId);
        if (changelogs.isEmpty() && repartitions.isEmpty() && topology.copartitionGroups().isEmpty()) {
            return;
        }
        Map<String, Object> adminConfig = clientConfig("admin.",
            Map.of("bootstrap.servers", config.getString(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)));
        try (Admin admin = clients.admin(adminConfig)) {
            Set<String> existing = await(admin.listTopics());
            Set<String> sources = topology.externalSourceTopics();
            List<String> missingSources = sources.stream().filter(t -> !existing.contains(t)).toList();
            if (!missingSources.isEmpty()) {
                throw new TopologyException("source topics " + missingSources + " do not exist; create them first");
            }
            int partitions = 1;
            Map<String, Integer> sourcePartitions = new java.util.HashMap<>();
            for (Map.Entry<String, TopicDescription> d : await(admin.describeTopics(sources)).entrySet()) {
                partitions = Math.max(partitions, d.getValue().partitions().size());
                sourcePartitions.put(d.getKey(), d.getValue().partitions().size());
            }
            Map<String, Integer> repartitionCounts = CopartitionedTopicsEnforcer.repartitionCounts(
                copartitionGroups(), sourcePartitions, repartitions, partitions);
            short replication = (short) config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG);
            List<NewTopic> missing = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> changelog : changelogs.entrySet()) {
                if (!existing.contains(changelog.getKey())) {
                    missing.add(new NewTopic(changelog.getKey(), partitions, replication, changelog.getValue()));
                }
            }
            for (String topic : repartitions) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, repartitionCounts.get(topic), replication, Map.of()));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    await(admin.createTopics(missing));
                    log.info("{}: created internal topics {} ({} partitions)", applicationId,
                        missing.stream().map(NewTopic::name).toList(), partitions);
                } catch (TributaryException e) {
                    // another instance of the application may have created them first
                    if (e.error() != Errors.TOPIC_ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
        }
    }

    /** The co-partition groups of the topology, with the real names of repartition topics. */
    private List<Set<String>> copartitionGroups() {
        List<Set<String>> out = new ArrayList<>();
        for (Set<String> group : topology.copartitionGroups()) {
            Set<String> resolved = new java.util.TreeSet<>();
            group.forEach(t -> resolved.add(topology.resolve(applicationId, t)));
            out.add(resolved);
        }
        return out;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StreamsException("admin request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new StreamsException("admin request did not complete within " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while creating changelog topics", e);
        }
    }
}
