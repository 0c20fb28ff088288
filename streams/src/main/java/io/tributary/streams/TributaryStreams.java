package io.tributary.streams;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.common.Errors;
import io.tributary.common.Time;
import io.tributary.common.TributaryException;
import io.tributary.common.config.ParsedConfig;
import io.tributary.streams.processor.internals.CopartitionedTopicsEnforcer;
import io.tributary.streams.errors.InvalidStateStoreException;
import io.tributary.streams.errors.StreamsUncaughtExceptionHandler;
import io.tributary.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.tributary.streams.processor.StateRestoreListener;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.PartitionNumberAssignor;
import io.tributary.streams.processor.internals.StateDirectory;
import io.tributary.streams.processor.internals.StreamTask;
import io.tributary.streams.processor.internals.StreamThread;
import io.tributary.streams.state.QueryableStoreType;
import io.tributary.streams.state.QueryableStoreTypes;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import io.tributary.streams.state.ReadOnlyWindowStore;
import io.tributary.streams.state.StateStore;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.state.internals.StateStoreProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Topology}: {@code num.stream.threads} stream threads (default 1) that poll the source topics as
 * consumer group {@code application.id}, pass each record through the topology in order, send the results, and
 * every {@code commit.interval.ms} commit the consumed offsets once everything sent is acknowledged (at-least-once).
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
 * missing; the source topics must exist. Task {@code p} (partition {@code p} of every source topic) runs on one
 * thread of one instance at a time.
 *
 * <p>States are Kafka Streams': CREATED → REBALANCING ⇄ RUNNING → PENDING_SHUTDOWN → NOT_RUNNING. REBALANCING
 * while any thread is between a revocation and the end of its stores' restores. When a thread dies, the
 * {@link StreamsUncaughtExceptionHandler} decides: replace it, or (the default) shut the instance down through
 * PENDING_ERROR to ERROR (terminal; {@link #failure()} tells why). Local stores can be queried while RUNNING
 * ({@link #store}). Thread-safe.
 */
public final class TributaryStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TributaryStreams.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** The life cycle of an instance (Kafka Streams' states). */
    public enum State {
        CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR;

        /** Whether {@code next} may follow this state. */
        public boolean isValidTransition(State next) {
            return switch (this) {
                case CREATED -> next == REBALANCING || next == PENDING_SHUTDOWN || next == PENDING_ERROR;
                case REBALANCING, RUNNING -> next == REBALANCING || next == RUNNING || next == PENDING_SHUTDOWN
                    || next == PENDING_ERROR;
                case PENDING_SHUTDOWN -> next == NOT_RUNNING;
                case PENDING_ERROR -> next == ERROR;
                case NOT_RUNNING, ERROR -> false;
            };
        }

        /** RUNNING or REBALANCING. */
        public boolean isRunningOrRebalancing() {
            return this == RUNNING || this == REBALANCING;
        }

        /** NOT_RUNNING or ERROR: nothing runs any more. */
        public boolean hasCompletedShutdown() {
            return this == NOT_RUNNING || this == ERROR;
        }
    }

    /** Told of every state change (on the thread that caused it; keep it short). */
    @FunctionalInterface
    public interface StateListener {
        void onChange(State newState, State oldState);
    }

    private final InternalTopology topology;
    private final ParsedConfig config;
    private final Map<String, Object> allSettings = new HashMap<>();
    private final Map<String, Object> clientSettings = new HashMap<>();
    private final ClientSupplier clients;
    private final String applicationId;
    private final String clientId;
    private final Set<String> changelogTopics = new HashSet<>();
    private final StateDirectory stateDirectory;
    private final Map<String, StateStore> storeSamples = new ConcurrentHashMap<>();
    private final List<StreamThread> threads = new CopyOnWriteArrayList<>();
    private volatile State state = State.CREATED;
    private volatile StateListener listener = (n, o) -> { };
    private volatile StreamsUncaughtExceptionHandler uncaughtHandler;
    private volatile StateRestoreListener restoreListener = new StateRestoreListener() { };
    private volatile Throwable failure;
    private Thread errorShutdown;

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
        config.forEach((k, v) -> allSettings.put(String.valueOf(k), v));
        this.config.unknown().forEach((k, v) -> {
            if (StreamsConfig.CLIENT_PREFIXES.stream().anyMatch(k::startsWith)) {
                clientSettings.put(k, v);
            } else {
                log.warn("{}: ignoring unknown setting {} (client settings take a prefix: {})", applicationId, k,
                    StreamsConfig.CLIENT_PREFIXES);
            }
        });
        String id = this.config.getString(StreamsConfig.CLIENT_ID_CONFIG);
        this.clientId = id.isBlank() ? applicationId + "-" + UUID.randomUUID() : id;
        // fail here rather than in a thread for a handler that cannot be made
        StreamsConfig.deserializationHandler(this.config, allSettings);
        StreamsConfig.productionHandler(this.config, allSettings);
        boolean persistent = false;
        for (StoreBuilder<?> builder : this.topology.stores().values()) {
            if (builder.loggingEnabled()) {
                changelogTopics.add(InternalTopology.changelogTopic(applicationId, builder.name()));
            }
            persistent |= builder.build().persistent();
        }
        this.stateDirectory = persistent
            ? new StateDirectory(Path.of(this.config.getString(StreamsConfig.STATE_DIR_CONFIG)), applicationId) : null;
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
     * Creates missing changelog topics and starts the stream threads. Returns once they run (state REBALANCING);
     * records are processed after the group assigns partitions (state RUNNING).
     *
     * @throws IllegalStateException if already started
     * @throws TopologyException     if a source topic does not exist
     */
    public synchronized void start() {
        if (state != State.CREATED) {
            throw new IllegalStateException("state : " + state + " (expected: CREATED); start an instance once");
        }
        createInternalTopics();
        setState(State.REBALANCING);
        int count = config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        for (int i = 1; i <= count; i++) {
            threads.add(newThread(i));
        }
        threads.forEach(Thread::start);
    }

    /** A stream thread with fresh clients; its number {@code index} ends its name. */
    private StreamThread newThread(int index) {
        String bootstrap = config.getString(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        String threadClientId = clientId + "-StreamThread-" + index;
        Map<String, Object> consumer = clientConfig("consumer.", Map.of("bootstrap.servers", bootstrap,
            "auto.offset.reset", "earliest", "client.id", threadClientId + "-consumer"));
        consumer.put("group.id", applicationId);
        consumer.put("enable.auto.commit", false);
        // tasks, not partitions: partition p of every source and repartition topic goes to the same thread
        consumer.put("partition.assignment.strategy", PartitionNumberAssignor.class.getName());
        // a short fetch wait: a restore stops at the changelog's end, where a long poll would only delay the next
        Map<String, Object> restore = clientConfig("restore.consumer.", Map.of("bootstrap.servers", bootstrap,
            "auto.offset.reset", "earliest", "client.id", threadClientId + "-restore-consumer",
            "fetch.max.wait.ms", 50));
        restore.put("enable.auto.commit", false);
        restore.remove("group.id");
        Map<String, Object> producer = clientConfig("producer.", Map.of("bootstrap.servers", bootstrap, "acks", "all",
            "client.id", threadClientId + "-producer"));
        StreamThread.Settings settings = new StreamThread.Settings(topology, applicationId,
            config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
            Duration.ofMillis(config.getLong(StreamsConfig.POLL_MS_CONFIG)), Time.SYSTEM, stateDirectory,
            StreamsConfig.deserializationHandler(config, allSettings), StreamsConfig.productionHandler(config,
            allSettings), restoreListener, this::threadStateChanged, this::threadExited);
        return new StreamThread(applicationId + "-StreamThread-" + index, index, settings, clients.consumer(consumer),
            clients.restoreConsumer(restore), clients.producer(producer), changelogTopics);
    }

    /** Recomputes the instance's state from its threads': RUNNING when all run, else REBALANCING. */
    private synchronized void threadStateChanged(StreamThread thread, StreamThread.State threadState) {
        if (!state.isRunningOrRebalancing()) {
            return;
        }
        boolean any = false;
        boolean allRunning = true;
        for (StreamThread t : threads) {
            StreamThread.State s = t.state();
            if (s == StreamThread.State.DEAD || s == StreamThread.State.PENDING_SHUTDOWN) {
                continue;
            }
            any = true;
            allRunning &= s == StreamThread.State.RUNNING;
        }
        if (any) {
            setState(allRunning ? State.RUNNING : State.REBALANCING);
        }
    }

    /** A thread ended: after an error, the uncaught exception handler decides what follows. */
    private void threadExited(StreamThread thread, Throwable error) {
        synchronized (this) {
            threads.remove(thread);
            if (error == null || !state.isRunningOrRebalancing()) {
                return;
            }
        }
        StreamThreadExceptionResponse response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        StreamsUncaughtExceptionHandler handler = uncaughtHandler;
        if (handler != null) {
            try {
                response = Objects.requireNonNull(handler.handle(error), "the handler's response");
            } catch (RuntimeException e) {
                log.error("{}: the uncaught exception handler failed; shutting down", applicationId, e);
            }
        }
        synchronized (this) {
            if (!state.isRunningOrRebalancing()) {
                return;
            }
            switch (response) {
                case REPLACE_THREAD -> {
                    log.info("{}: replacing {}, which died of {}", applicationId, thread.getName(), error.toString());
                    StreamThread replacement = newThread(thread.index());
                    threads.add(replacement);
                    replacement.start();
                    threadStateChanged(replacement, replacement.state());
                }
                case SHUTDOWN_CLIENT, SHUTDOWN_APPLICATION -> {
                    if (response == StreamThreadExceptionResponse.SHUTDOWN_APPLICATION) {
                        log.warn("{}: SHUTDOWN_APPLICATION stops this instance only (other instances cannot be told "
                            + "yet)", applicationId);
                    }
                    failure = error;
                    setState(State.PENDING_ERROR);
                    List<StreamThread> running = List.copyOf(threads);
                    errorShutdown = new Thread(() -> {
                        stopThreads(running, Duration.ofMinutes(1));
                        synchronized (this) {
                            setState(State.ERROR);
                        }
                    }, applicationId + "-error-shutdown");
                    errorShutdown.setDaemon(true);
                    errorShutdown.start();
                }
            }
        }
    }

    /** Asks {@code toStop} to stop and waits for them up to {@code timeout}; true if all stopped. */
    private static boolean stopThreads(List<StreamThread> toStop, Duration timeout) {
        toStop.forEach(StreamThread::shutdown);
        long deadline = System.nanoTime() + Math.max(1, timeout.toNanos());
        boolean stopped = true;
        for (StreamThread t : toStop) {
            if (t == Thread.currentThread()) {
                continue; // closing from a stream thread (a listener): it stops after this call returns
            }
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped &= !t.isAlive();
        }
        return stopped;
    }

    /**
     * Stops the stream threads after a final commit and waits for them at most {@code timeout}. An instance in
     * ERROR stays there (and this returns true at once); one in PENDING_ERROR is waited for until ERROR.
     *
     * @return true if the instance stopped in time (state NOT_RUNNING, or ERROR)
     */
    public boolean close(Duration timeout) {
        List<StreamThread> toStop;
        Thread pendingError;
        synchronized (this) {
            if (state.hasCompletedShutdown()) {
                return true;
            }
            pendingError = state == State.PENDING_ERROR ? errorShutdown : null;
            if (pendingError == null) {
                if (state != State.PENDING_SHUTDOWN) {
                    setState(State.PENDING_SHUTDOWN);
                }
            }
            toStop = List.copyOf(threads);
        }
        if (pendingError != null) {
            try {
                pendingError.join(Math.max(1, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return state == State.ERROR;
        }
        boolean stopped = stopThreads(toStop, timeout);
        synchronized (this) {
            if (!stopped) {
                log.warn("{}: the stream threads did not stop within {}", applicationId, timeout);
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
        if (!old.isValidTransition(newState)) {
            log.debug("{}: ignoring the transition {} -> {}", applicationId, old, newState);
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

    // ---- added with the multi-threaded runtime (issue 9) -------------------------------------------------------

    /**
     * Sets what happens when a stream thread dies of an exception (default: {@code SHUTDOWN_CLIENT}).
     *
     * @throws IllegalStateException unless the instance is CREATED
     */
    public synchronized void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        if (state != State.CREATED) {
            throw new IllegalStateException("state : " + state + " (expected: CREATED); set the handler before start()");
        }
        this.uncaughtHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Sets the listener told about every store restore of every task (Kafka Streams' global restore listener).
     *
     * @throws IllegalStateException unless the instance is CREATED
     */
    public synchronized void setGlobalStateRestoreListener(StateRestoreListener listener) {
        if (state != State.CREATED) {
            throw new IllegalStateException("state : " + state + " (expected: CREATED); set the listener before start()");
        }
        this.restoreListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A read-only view of store {@code storeName} across this instance's running tasks, for interactive queries
     * from any thread. Each call on the view finds the current tasks' stores: it throws
     * {@link InvalidStateStoreException} while the instance is not RUNNING (retry after the rebalance), and when a
     * task closes under a read.
     *
     * <pre>{@code
     * ReadOnlyKeyValueStore<String, Long> counts = streams.store("counts", QueryableStoreTypes.keyValueStore());
     * }</pre>
     *
     * @throws InvalidStateStoreException if the instance is not RUNNING, the store is unknown or of another type
     */
    public <T> T store(String storeName, QueryableStoreType<T> type) {
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(type, "type");
        StateStoreProvider provider = this::localStores;
        provider.stores(storeName, type); // fail now rather than at the first read
        return type.create(provider, storeName);
    }

    /** {@link #store} for a key-value store. */
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String storeName) {
        return store(storeName, QueryableStoreTypes.keyValueStore());
    }

    /** {@link #store} for a window store. */
    public <K, V> ReadOnlyWindowStore<K, V> windowStore(String storeName) {
        return store(storeName, QueryableStoreTypes.windowStore());
    }

    /** Each local stream thread: its name, state and the tasks (partition numbers) it runs. */
    public List<ThreadMetadata> metadataForLocalThreads() {
        List<ThreadMetadata> out = new ArrayList<>();
        for (StreamThread t : threads) {
            out.add(new ThreadMetadata(t.getName(), t.state().name(), Set.copyOf(t.activeTasks().keySet())));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> localStores(String storeName, QueryableStoreType<T> type) {
        State now = state;
        if (now != State.RUNNING) {
            throw new InvalidStateStoreException("cannot query store " + storeName + " while the instance is " + now
                + " (only while RUNNING; retry after the rebalance)");
        }
        StoreBuilder<?> builder = topology.stores().get(storeName);
        if (builder == null) {
            throw new InvalidStateStoreException("store " + storeName + " is unknown; the topology has "
                + new java.util.TreeSet<>(topology.stores().keySet()));
        }
        StateStore sample = storeSamples.computeIfAbsent(storeName, n -> builder.build());
        if (!type.accepts(sample)) {
            throw new InvalidStateStoreException("store " + storeName + " is a " + sample
                + ", not of the queried type");
        }
        List<T> out = new ArrayList<>();
        for (StreamThread t : threads) {
            for (StreamTask task : t.activeTasks().values()) {
                StateStore store = task.store(storeName);
                if (store != null) {
                    out.add((T) store);
                }
            }
        }
        return out;
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
