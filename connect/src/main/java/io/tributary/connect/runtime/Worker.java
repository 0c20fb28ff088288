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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final WorkerConfig config;
    private final FileOffsetStore offsetStore;
    private final Time time;
    private final Map<String, Running> connectors = new LinkedHashMap<>();

    private static final class Running {
        final Connector connector;
        final List<WorkerTask> tasks;
        final Map<String, String> config;
        volatile boolean paused;

        Running(Connector connector, List<WorkerTask> tasks, Map<String, String> config) {
            this.connector = connector;
            this.tasks = tasks;
            this.config = config;
        }

        Connector connector() {
            return connector;
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
        Connector connector = Plugins.newConnector(props.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG).trim());
        boolean sink = connector instanceof SinkConnector;
        if (!sink && !(connector instanceof SourceConnector)) {
            throw new ConfigException(ConnectorConfig.CONNECTOR_CLASS_CONFIG, connector.getClass().getName(),
                "a SourceConnector or SinkConnector");
        }
        int maxTasks = ConnectorConfig.DEFINITION.parse(props).getInt(ConnectorConfig.TASKS_MAX_CONFIG);
        connector.start(props);
        List<WorkerTask> tasks = new ArrayList<>();
        try {
            List<Map<String, String>> taskConfigs = connector.taskConfigs(maxTasks);
            for (int i = 0; i < taskConfigs.size(); i++) {
                Map<String, String> taskProps = new HashMap<>(props);
                taskProps.putAll(taskConfigs.get(i));
                tasks.add(createTask(i, name, props, Map.copyOf(taskProps), connector, sink));
            }
        } catch (RuntimeException e) {
            tasks.forEach(WorkerTask::abandon);
            connector.stop();
            throw e;
        }
        connectors.put(name, new Running(connector, tasks, Map.copyOf(props)));
        for (WorkerTask t : tasks) {
            Thread thread = new Thread(t, "connect-" + t.id);
            thread.setDaemon(false);
            thread.start();
        }
        log.info("connector {} ({}, version {}) started with {} task(s)", name, connector.getClass().getSimpleName(),
            connector.version(), tasks.size());
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
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", String.join(",", config.bootstrapServers()));
        client.putAll(config.withPrefix("admin."));
        try (Admin admin = TributaryAdmin.create(client)) {
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

    /** Stops a connector's tasks (each storing or committing its offsets), then the connector. */
    public void stopConnector(String name) throws InterruptedException {
        Running r;
        synchronized (this) {
            r = connectors.remove(name);
        }
        if (r == null) {
            throw new IllegalArgumentException("connector : " + name + " (expected one of " + connectorNames() + ")");
        }
        r.tasks().forEach(WorkerTask::stop);
        for (WorkerTask t : r.tasks()) {
            if (!t.awaitStop(STOP_TIMEOUT_MS)) {
                log.warn("task {} did not stop within {} ms", t.id, STOP_TIMEOUT_MS);
            }
        }
        r.connector().stop();
        log.info("connector {} stopped", name);
    }

    /** Whether a connector of that name runs (or is paused). */
    public synchronized boolean hasConnector(String name) {
        return connectors.containsKey(name);
    }

    /** The configuration the connector was started with. */
    public synchronized Map<String, String> connectorConfig(String name) {
        return running(name).config;
    }

    /** "source" or "sink". */
    public synchronized String connectorType(String name) {
        return running(name).connector() instanceof SinkConnector ? "sink" : "source";
    }

    /** RUNNING or PAUSED; the connector object itself cannot fail once started. */
    public synchronized TaskState.State connectorState(String name) {
        return running(name).paused ? TaskState.State.PAUSED : TaskState.State.RUNNING;
    }

    /** Stops the flow of records of every task of the connector; tasks keep their clients and group membership. */
    public synchronized void pauseConnector(String name) {
        Running r = running(name);
        r.paused = true;
        r.tasks().forEach(WorkerTask::pause);
        log.info("connector {} paused", name);
    }

    public synchronized void resumeConnector(String name) {
        Running r = running(name);
        r.paused = false;
        r.tasks().forEach(WorkerTask::resume);
        log.info("connector {} resumed", name);
    }

    /**
     * Stops the connector and its tasks and starts them again with {@code props} (the old configuration when
     * null); failed tasks run again. A configuration that fails validation leaves the running connector
     * untouched; one whose connector fails to start leaves it stopped. Either way this throws.
     */
    public void restartConnector(String name, Map<String, String> props) throws InterruptedException {
        Map<String, String> config = props == null ? connectorConfig(name) : props;
        if (props != null) {
            validate(props);
        }
        // A paused connector comes back paused, as Kafka keeps the target state.
        boolean wasPaused = connectorState(name) == TaskState.State.PAUSED;
        stopConnector(name);
        startConnector(config);
        if (wasPaused) {
            pauseConnector(config.get(ConnectorConfig.NAME_CONFIG).trim());
        }
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
