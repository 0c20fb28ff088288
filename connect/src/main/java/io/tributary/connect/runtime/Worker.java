package io.tributary.connect.runtime;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Errors;
import io.tributary.common.Time;
import io.tributary.common.TributaryException;
import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.Connector;
import io.tributary.connect.connector.Task;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.sink.SinkConnector;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import io.tributary.connect.source.SourceConnector;
import io.tributary.connect.source.SourceTask;
import io.tributary.connect.storage.Converter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs connectors and their tasks in this JVM: validates a connector's configuration, starts the connector, asks it
 * for task configurations and runs each task on its own thread with its own producer or consumer. Thread-safe.
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final long STOP_TIMEOUT_MS = 30_000;
    private static final long ADMIN_TIMEOUT_MS = 30_000;
    /** Kafka's key for the task class in each task configuration. */
    static final String TASK_CLASS_CONFIG = "task.class";

    private final WorkerConfig config;
    private final FileOffsetStore offsetStore;
    private final Time time;
    private final Map<String, Running> connectors = new LinkedHashMap<>();
    /** Topics each connector has used (Kafka's KIP-558); kept across restarts, dropped with the connector. */
    private final Map<String, Set<String>> activeTopics = new ConcurrentHashMap<>();

    /** What the connector should be doing: Kafka's target state. */
    enum TargetState { STARTED, PAUSED, STOPPED }

    /** One connector: its configuration, and while not STOPPED its instance, task configs and tasks. */
    private static final class Running {
        final String name;
        final Map<String, String> config;
        final boolean sink;
        TargetState target = TargetState.STARTED;
        Connector connector;
        List<Map<String, String>> taskConfigs = List.of();
        final List<WorkerTask> tasks = new ArrayList<>();

        Running(String name, Map<String, String> config, boolean sink) {
            this.name = name;
            this.config = config;
            this.sink = sink;
        }

        List<WorkerTask> tasks() {
            return tasks;
        }
    }

    public Worker(WorkerConfig config) {
        this(config, Time.SYSTEM);
    }

    Worker(WorkerConfig config, Time time) {
        this.config = config;
        this.offsetStore = new FileOffsetStore(Path.of(config.offsetStorageFile()));
        this.time = time;
    }

    /**
     * Validates and starts a connector and its tasks.
     *
     * @throws ConfigException listing every invalid or missing key, or when the name is already running
     */
    public synchronized void startConnector(Map<String, String> props) {
        validate(props);
        String name = props.get(ConnectorConfig.NAME_CONFIG).trim();
        if (connectors.containsKey(name)) {
            throw new ConfigException(ConnectorConfig.NAME_CONFIG, name, "a name not already running");
        }
        boolean sink = Plugins.newConnector(props.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG).trim())
            instanceof SinkConnector;
        Running r = new Running(name, Map.copyOf(props), sink);
        launch(r);
        connectors.put(name, r);
    }

    /** Creates and starts the connector instance, asks it for task configurations and starts a task for each. */
    private void launch(Running r) {
        Connector connector = newConnector(r.config);
        connector.start(r.config);
        List<WorkerTask> tasks = new ArrayList<>();
        List<Map<String, String>> taskConfigs;
        try {
            taskConfigs = taskConfigs(connector, r.config);
            for (int i = 0; i < taskConfigs.size(); i++) {
                tasks.add(createTask(i, r, taskConfigs.get(i), connector));
            }
        } catch (RuntimeException e) {
            tasks.forEach(WorkerTask::abandon);
            connector.stop();
            throw e;
        }
        r.connector = connector;
        r.taskConfigs = taskConfigs;
        r.tasks.clear();
        r.tasks.addAll(tasks);
        tasks.forEach(this::startThread);
        log.info("connector {} ({}, version {}) started with {} task(s)", r.name,
            connector.getClass().getSimpleName(), connector.version(), tasks.size());
    }

    private static Connector newConnector(Map<String, String> props) {
        Connector connector = Plugins.newConnector(props.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG).trim());
        if (!(connector instanceof SinkConnector) && !(connector instanceof SourceConnector)) {
            throw new ConfigException(ConnectorConfig.CONNECTOR_CLASS_CONFIG, connector.getClass().getName(),
                "a SourceConnector or SinkConnector");
        }
        return connector;
    }

    /** The connector's task configurations as it returned them, each with Kafka's {@code task.class} added. */
    private static List<Map<String, String>> taskConfigs(Connector connector, Map<String, String> props) {
        int maxTasks = ConnectorConfig.DEFINITION.parse(props).getInt(ConnectorConfig.TASKS_MAX_CONFIG);
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> c : connector.taskConfigs(maxTasks)) {
            Map<String, String> one = new LinkedHashMap<>(c);
            one.put(TASK_CLASS_CONFIG, connector.taskClass().getName());
            out.add(Collections.unmodifiableMap(one));
        }
        return List.copyOf(out);
    }

    private void startThread(WorkerTask t) {
        Thread thread = new Thread(t, "connect-" + t.id);
        thread.setDaemon(false);
        thread.start();
    }

    /** A task for {@code taskConfig}: it starts with the connector's configuration overlaid by the task's. */
    private WorkerTask createTask(int taskNumber, Running r, Map<String, String> taskConfig, Connector connector) {
        Map<String, String> taskProps = new HashMap<>(r.config);
        taskProps.putAll(taskConfig);
        taskProps.remove(TASK_CLASS_CONFIG);
        WorkerTask task = createTask(taskNumber, r.name, r.config, Map.copyOf(taskProps), connector, r.sink);
        Set<String> topics = activeTopics.computeIfAbsent(r.name, n -> ConcurrentHashMap.newKeySet());
        task.trackTopics(topics::add);
        if (r.target == TargetState.PAUSED) {
            task.pause();
        }
        return task;
    }

    private WorkerTask createTask(int taskNumber, String name, Map<String, String> props,
                                  Map<String, String> taskProps, Connector connector, boolean sink) {
        String id = name + "-" + taskNumber;
        Class<? extends Task> taskClass = connector.taskClass();
        Task task = Plugins.newInstance("task class of " + name, taskClass.getName(), Task.class);
        Converter keyConverter = converter(props, ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, true);
        Converter valueConverter = converter(props, ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, false);
        if (sink) {
            Map<String, Object> client = new HashMap<>();
            client.put("bootstrap.servers", String.join(",", config.bootstrapServers()));
            List<String> topics = ConnectorConfig.SINK_DEFINITION.parse(props).getList(ConnectorConfig.TOPICS_CONFIG);
            client.put("group.id", "connect-" + name);
            client.put("client.id", "connector-consumer-" + id);
            client.put("enable.auto.commit", "false");
            client.put("auto.offset.reset", "earliest");
            client.putAll(config.withPrefix("consumer."));
            ErrorHandlingConfig errorConfig = ErrorHandlingConfig.from(props, true);
            TransformationChain<SinkRecord> transforms = TransformationChain.fromConfig(props);
            DeadLetterQueueReporter dlq = null;
            try {
                if (errorConfig.hasDeadLetterQueue()) {
                    dlq = new DeadLetterQueueReporter(name, taskNumber, errorConfig,
                        producer("connector-dlq-producer-" + id), this::ensureTopic);
                }
                return new WorkerSinkTask(id, (SinkTask) task, taskProps, topics, transforms, keyConverter,
                    valueConverter, TributaryConsumer.create(client, Serdes.byteArray().deserializer(),
                        Serdes.byteArray().deserializer()), config.offsetFlushIntervalMs(), time,
                    new RetryWithToleranceOperator(id, errorConfig, time, dlq));
            } catch (RuntimeException e) {
                transforms.close();
                if (dlq != null) {
                    dlq.close();
                }
                throw e;
            }
        }
        return new WorkerSourceTask(id, name, (SourceTask) task, taskProps, TransformationChain.fromConfig(props),
            keyConverter, valueConverter, producer("connector-producer-" + id), offsetStore,
            config.offsetFlushIntervalMs(), time,
            new RetryWithToleranceOperator(id, ErrorHandlingConfig.from(props, false), time, null));
    }

    /** A producer for a source task or a dead letter queue: Kafka Connect's defaults, then the worker's producer.*. */
    private TributaryProducer<byte[], byte[]> producer(String clientId) {
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", String.join(",", config.bootstrapServers()));
        client.put("client.id", clientId);
        // No record may be dropped silently: Kafka Connect's producer defaults.
        client.put("acks", "all");
        client.putAll(config.withPrefix("producer."));
        return TributaryProducer.create(client, Serdes.byteArray().serializer(), Serdes.byteArray().serializer());
    }

    /**
     * Creates a topic with one partition unless it exists (the dead letter queue), with the worker's admin.*
     * settings.
     *
     * @throws ConnectException saying what to change when the broker refuses
     */
    private void ensureTopic(String topic, short replicationFactor) {
        try (Admin admin = TributaryAdmin.create(adminConfig())) {
            if (admin.listTopics().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, 1, replicationFactor)))
                .get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            log.info("created the dead letter queue topic {} (1 partition, replication factor {})", topic,
                replicationFactor);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TributaryException te && te.error() == Errors.TOPIC_ALREADY_EXISTS) {
                return;
            }
            String hint = e.getCause() instanceof TributaryException te
                && te.error() == Errors.INVALID_REPLICATION_FACTOR
                ? "; set " + ConnectorConfig.DLQ_TOPIC_REPLICATION_FACTOR_CONFIG + " to what the cluster has (1 or -1 "
                    + "on a single node)"
                : "";
            throw new ConnectException("cannot create the dead letter queue topic " + topic + " with replication factor "
                + replicationFactor + ": " + e.getCause().getMessage() + hint, e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("cannot create the dead letter queue topic " + topic + ": no answer from "
                + config.bootstrapServers() + " within " + ADMIN_TIMEOUT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while creating the dead letter queue topic " + topic, e);
        }
    }

    /** The connector's converter if it overrides the worker's, configured from the matching prefix. */
    private Converter converter(Map<String, String> connectorProps, String setting, boolean isKey) {
        String className = connectorProps.get(setting);
        Map<String, String> source = connectorProps;
        if (className == null || className.isBlank()) {
            className = isKey ? config.keyConverter() : config.valueConverter();
            source = config.originals();
        }
        Converter c = Plugins.newConverter(setting, className.trim());
        c.configure(WorkerConfig.withPrefix(source, setting + "."), isKey);
        return c;
    }

    /** Stops a connector's tasks (each storing or committing its offsets), then the connector, and forgets it. */
    public void stopConnector(String name) throws InterruptedException {
        Running r;
        synchronized (this) {
            r = connectors.remove(name);
        }
        if (r == null) {
            throw new IllegalArgumentException("connector : " + name + " (expected one of " + connectorNames() + ")");
        }
        halt(r);
        activeTopics.remove(name);
        log.info("connector {} deleted", name);
    }

    /** Stops the tasks and the connector instance of {@code r}; its configuration stays. */
    private void halt(Running r) throws InterruptedException {
        List<WorkerTask> tasks;
        Connector connector;
        synchronized (this) {
            tasks = List.copyOf(r.tasks);
            connector = r.connector;
            r.tasks.clear();
            r.taskConfigs = List.of();
            r.connector = null;
        }
        tasks.forEach(WorkerTask::stop);
        awaitStopped(tasks);
        if (connector != null) {
            connector.stop();
            log.info("connector {} stopped", r.name);
        }
    }

    private static void awaitStopped(List<WorkerTask> tasks) throws InterruptedException {
        for (WorkerTask t : tasks) {
            if (!t.awaitStop(STOP_TIMEOUT_MS)) {
                log.warn("task {} did not stop within {} ms", t.id, STOP_TIMEOUT_MS);
            }
        }
    }

    /** Whether a connector of that name exists (running, paused or stopped). */
    public synchronized boolean hasConnector(String name) {
        return connectors.containsKey(name);
    }

    /** The configuration the connector was started with. */
    public synchronized Map<String, String> connectorConfig(String name) {
        return running(name).config;
    }

    /** "source" or "sink". */
    public synchronized String connectorType(String name) {
        return running(name).sink ? "sink" : "source";
    }

    /** RUNNING, PAUSED or STOPPED (Kafka's KIP-875 state); the connector object itself cannot fail once started. */
    public synchronized TaskState.State connectorState(String name) {
        return switch (running(name).target) {
            case STARTED -> TaskState.State.RUNNING;
            case PAUSED -> TaskState.State.PAUSED;
            case STOPPED -> TaskState.State.STOPPED;
        };
    }

    /**
     * The task configurations the connector returned (with {@code task.class}), one per task; empty when STOPPED.
     */
    public synchronized List<Map<String, String>> taskConfigs(String name) {
        return running(name).taskConfigs;
    }

    /**
     * Stops the flow of records of every task of the connector; tasks keep their clients and group membership. A
     * STOPPED connector is started in the PAUSED state, as Kafka does.
     */
    public synchronized void pauseConnector(String name) {
        Running r = running(name);
        TargetState was = r.target;
        r.target = TargetState.PAUSED;
        if (was == TargetState.STOPPED) {
            launch(r);
        }
        r.tasks().forEach(WorkerTask::pause);
        log.info("connector {} paused", name);
    }

    /** Lets records flow again; a STOPPED connector is started (its connector instance and tasks). */
    public synchronized void resumeConnector(String name) {
        Running r = running(name);
        TargetState was = r.target;
        r.target = TargetState.STARTED;
        if (was == TargetState.STOPPED) {
            launch(r);
        }
        r.tasks().forEach(WorkerTask::resume);
        log.info("connector {} resumed", name);
    }

    /**
     * Kafka's {@code PUT /connectors/{name}/stop}: shuts the tasks and the connector instance down (offsets stored or
     * committed) and keeps the configuration; {@link #resumeConnector} starts it again. Idempotent.
     */
    public void stopConnectorKeepingConfig(String name) throws InterruptedException {
        Running r;
        synchronized (this) {
            r = running(name);
            if (r.target == TargetState.STOPPED) {
                return;
            }
            r.target = TargetState.STOPPED;
        }
        halt(r);
        log.info("connector {} is STOPPED (configuration kept)", name);
    }

    /**
     * Stops the connector and its tasks and starts them again with {@code props} (the old configuration when
     * null); failed tasks run again. A configuration that fails validation leaves the running connector
     * untouched; one whose connector fails to start leaves it stopped. Either way this throws. The target state
     * (PAUSED, STOPPED) is kept, as Kafka keeps it.
     */
    public void restartConnector(String name, Map<String, String> props) throws InterruptedException {
        Map<String, String> config = props == null ? connectorConfig(name) : props;
        if (props != null) {
            validate(props);
        }
        Running old;
        synchronized (this) {
            old = connectors.remove(name);
            if (old == null) {
                throw new IllegalArgumentException("connector : " + name + " (expected one of " + connectors.keySet()
                    + ")");
            }
        }
        TargetState target = old.target;
        halt(old);
        synchronized (this) {
            Running r = new Running(name, Map.copyOf(config), newConnector(config) instanceof SinkConnector);
            r.target = target;
            if (target != TargetState.STOPPED) {
                launch(r);
            }
            connectors.put(name, r);
        }
    }

    /**
     * Restarts only the connector instance (Kafka's plain {@code POST /connectors/{name}/restart}): its tasks go on,
     * unless the new instance returns different task configurations, which restarts every task with them. Nothing
     * happens to a STOPPED connector.
     */
    public void restartConnectorInstance(String name) throws InterruptedException {
        Running r;
        Connector old;
        synchronized (this) {
            r = running(name);
            if (r.target == TargetState.STOPPED) {
                return;
            }
            old = r.connector;
            r.connector = null;
        }
        if (old != null) {
            old.stop();
        }
        synchronized (this) {
            Connector connector = newConnector(r.config);
            connector.start(r.config);
            r.connector = connector;
            List<Map<String, String>> fresh = taskConfigs(connector, r.config);
            log.info("connector {} instance restarted", name);
            if (fresh.equals(r.taskConfigs)) {
                return;
            }
        }
        log.info("connector {} returned new task configurations: restarting its tasks", name);
        restartConnector(name, null);
    }

    /**
     * Stops task {@code id} of the connector and starts it again from its configuration (a FAILED task runs again);
     * it comes back PAUSED when the connector is paused.
     *
     * @throws IllegalArgumentException when the connector has no such task
     */
    public void restartTask(String name, int id) throws InterruptedException {
        WorkerTask old;
        synchronized (this) {
            Running r = running(name);
            if (id < 0 || id >= r.tasks.size()) {
                throw new IllegalArgumentException("task : " + name + "-" + id + " (expected 0 to "
                    + (r.tasks.size() - 1) + ")");
            }
            old = r.tasks.get(id);
        }
        old.stop();
        awaitStopped(List.of(old));
        synchronized (this) {
            Running r = running(name);
            if (id >= r.tasks.size() || r.tasks.get(id) != old) {
                return; // the connector was restarted meanwhile: its new task already runs
            }
            WorkerTask fresh = createTask(id, r, r.taskConfigs.get(id), r.connector);
            r.tasks.set(id, fresh);
            startThread(fresh);
            log.info("task {} restarted", fresh.id);
        }
    }

    /** The topics the connector's tasks have produced to (source) or consumed from (sink), sorted. */
    public List<String> activeTopics(String name) {
        synchronized (this) {
            running(name);
        }
        return List.copyOf(new TreeSet<>(activeTopics.getOrDefault(name, Set.of())));
    }

    /** Forgets the connector's active topics (Kafka's {@code PUT .../topics/reset}); running tasks add them again. */
    public void resetActiveTopics(String name) {
        synchronized (this) {
            running(name);
        }
        Set<String> topics = activeTopics.get(name);
        if (topics != null) {
            topics.clear();
        }
    }

    /**
     * The connector's offsets in Kafka's REST shape: source offsets as stored, or the sink's committed consumer
     * group offsets as {@code {"kafka_topic","kafka_partition"}} / {@code {"kafka_offset"}}.
     */
    public List<Map<String, Object>> offsets(String name) {
        boolean sink;
        synchronized (this) {
            sink = running(name).sink;
        }
        return sink ? ConnectorOffsets.sink(adminConfig(), sinkGroupId(name), ADMIN_TIMEOUT_MS)
            : ConnectorOffsets.source(offsetStore, name);
    }

    /**
     * Deletes the connector's offsets (source: the stored ones; sink: its consumer group), Kafka's {@code DELETE
     * .../offsets}.
     *
     * @throws IllegalStateException when the connector is not STOPPED
     */
    public void resetOffsets(String name) {
        boolean sink;
        synchronized (this) {
            Running r = running(name);
            if (r.target != TargetState.STOPPED) {
                throw new IllegalStateException("Connectors must be in the STOPPED state before their offsets can "
                    + "be modified. This can be done for the specified connector by issuing a 'PUT' request to the "
                    + "'/connectors/" + name + "/stop' endpoint");
            }
            sink = r.sink;
        }
        if (sink) {
            ConnectorOffsets.deleteGroup(adminConfig(), sinkGroupId(name), ADMIN_TIMEOUT_MS);
        } else {
            offsetStore.remove(name);
        }
        log.info("offsets of connector {} reset", name);
    }

    /** The sink's consumer group: {@code connect-<name>} unless the worker's {@code consumer.group.id} says else. */
    private String sinkGroupId(String name) {
        Object override = config.withPrefix("consumer.").get("group.id");
        return override != null ? override.toString() : "connect-" + name;
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", String.join(",", config.bootstrapServers()));
        client.putAll(config.withPrefix("admin."));
        return client;
    }

    /** The cluster id reported by the brokers, or null when they do not answer in time. */
    public String kafkaClusterId() {
        return ConnectorOffsets.clusterId(adminConfig(), ADMIN_TIMEOUT_MS);
    }

    /**
     * Checks a configuration without starting anything: the common keys, the connector's own and its transforms.
     *
     * @throws ConfigException listing what is wrong
     */
    public void validate(Map<String, String> props) {
        // Every problem at once: the common keys, then (when the class can be loaded) the connector's own.
        List<String> errors = new ArrayList<>(ConnectorConfig.validate(props, ConnectorConfig.DEFINITION));
        String className = props.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
        if (className != null && !className.isBlank()) {
            try {
                Connector connector = Plugins.newConnector(className.trim());
                boolean sink = connector instanceof SinkConnector;
                errors.addAll(sink
                    ? ConnectorConfig.validate(props, ConnectorConfig.SINK_DEFINITION, connector.config())
                    : ConnectorConfig.validate(props, connector.config()));
                if (sink) {
                    String dlq = props.getOrDefault(ConnectorConfig.DLQ_TOPIC_NAME_CONFIG, "").trim();
                    String topics = props.getOrDefault(ConnectorConfig.TOPICS_CONFIG, "");
                    if (!dlq.isEmpty() && java.util.Arrays.stream(topics.split(",")).map(String::trim)
                            .anyMatch(dlq::equals)) {
                        errors.add(new ConfigException(ConnectorConfig.DLQ_TOPIC_NAME_CONFIG, dlq,
                            "a topic the connector does not read (it is in topics)").getMessage());
                    }
                }
            } catch (ConfigException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException("connector " + props.getOrDefault(ConnectorConfig.NAME_CONFIG, "<unnamed>")
                + " has " + errors.size() + " invalid configuration" + (errors.size() == 1 ? "" : "s") + ":\n  - "
                + String.join("\n  - ", errors));
        }
        TransformationChain.fromConfig(props).close();
    }

    private Running running(String name) {
        Running r = connectors.get(name);
        if (r == null) {
            throw new IllegalArgumentException("connector : " + name + " (expected one of " + connectors.keySet()
                + ")");
        }
        return r;
    }

    public synchronized List<String> connectorNames() {
        return List.copyOf(connectors.keySet());
    }

    /** The state of each task of {@code name}. */
    public synchronized List<TaskState> taskStates(String name) {
        Running r = connectors.get(name);
        if (r == null) {
            throw new IllegalArgumentException("connector : " + name + " (expected one of " + connectors.keySet()
                + ")");
        }
        return r.tasks().stream().map(WorkerTask::state).toList();
    }

    /** Stops every connector; if interrupted, still asks every task to stop and keeps the interrupt flag. */
    @Override
    public void close() {
        for (String name : connectorNames()) {
            try {
                stopConnector(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("interrupted while stopping connector {}", name);
            }
        }
    }
}
