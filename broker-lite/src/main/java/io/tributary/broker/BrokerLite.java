package io.tributary.broker;

import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.group.GroupConfig;
import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.group.OffsetManager;
import io.tributary.broker.group.OffsetsTopicStore;
import io.tributary.broker.handlers.CreatePartitionsHandler;
import io.tributary.broker.handlers.CreateTopicsHandler;
import io.tributary.broker.handlers.DeleteGroupsHandler;
import io.tributary.broker.handlers.DeleteRecordsHandler;
import io.tributary.broker.handlers.DeleteTopicsHandler;
import io.tributary.broker.handlers.DescribeClusterHandler;
import io.tributary.broker.handlers.DescribeConfigsHandler;
import io.tributary.broker.handlers.DescribeGroupsHandler;
import io.tributary.broker.handlers.FetchHandler;
import io.tributary.broker.handlers.FindCoordinatorHandler;
import io.tributary.broker.handlers.HeartbeatHandler;
import io.tributary.broker.handlers.IncrementalAlterConfigsHandler;
import io.tributary.broker.handlers.InitProducerIdHandler;
import io.tributary.broker.handlers.JoinGroupHandler;
import io.tributary.broker.handlers.LeaveGroupHandler;
import io.tributary.broker.handlers.ListGroupsHandler;
import io.tributary.broker.handlers.ListOffsetsHandler;
import io.tributary.broker.handlers.MetadataHandler;
import io.tributary.broker.handlers.OffsetCommitHandler;
import io.tributary.broker.handlers.OffsetDeleteHandler;
import io.tributary.broker.handlers.OffsetFetchHandler;
import io.tributary.broker.handlers.OffsetForLeaderEpochHandler;
import io.tributary.broker.handlers.ProduceHandler;
import io.tributary.broker.handlers.SyncGroupHandler;
import io.tributary.broker.log.LogStore;
import io.tributary.broker.network.ApiRegistry;
import io.tributary.broker.network.NetworkConfig;
import io.tributary.broker.network.NetworkServer;
import io.tributary.common.Time;
import io.tributary.common.Uuid;
import io.tributary.common.config.ConfigException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node, Kafka-compatible broker that can be embedded:
 * <pre>{@code
 * try (BrokerLite broker = BrokerLite.start(Map.of("listeners", "PLAINTEXT://127.0.0.1:0", "log.dirs", dir))) {
 *     String bootstrap = broker.bootstrapServers();   // give this to any Kafka client
 * }
 * }</pre>
 * or run from a Kafka-style {@code server.properties} with {@link #main}. Thread-safe.
 */
public final class BrokerLite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLite.class);

    private final BrokerContext context;
    private final NetworkServer server;
    private volatile boolean closed;

    private BrokerLite(BrokerContext context, NetworkServer server) {
        this.context = context;
        this.server = server;
    }

    /** Starts a broker from Kafka-style settings (see {@link BrokerConfig}). */
    public static BrokerLite start(Map<?, ?> props) throws IOException {
        return start(BrokerConfig.from(props), Time.SYSTEM);
    }

    /** Starts a broker; returns once it accepts connections. */
    public static BrokerLite start(BrokerConfig config, Time time) throws IOException {
        long started = System.nanoTime();
        config.unknown().keySet().forEach(k ->
            LOG.info("ignoring setting {}: it does not apply to broker-lite (a single node)", k));
        Path firstDir = config.logDirs().get(0);
        String clusterId = readOrCreateClusterId(firstDir, config.nodeId());
        TopicRegistry topics = TopicRegistry.open(firstDir, config.topicDefaults());
        var raw = config.raw();
        LogStore logs = LogStore.open(config.logDirs(), time, new LogStore.Options(
            raw.getLong("log.retention.check.interval.ms"), raw.getLong("log.flush.scheduler.interval.ms"),
            raw.getLong("log.flush.offset.checkpoint.interval.ms"), raw.getBoolean("log.cleaner.enable"),
            raw.getLong("log.cleaner.backoff.ms"), raw.getLong("log.cleaner.dedupe.buffer.size")), topics::logConfig);
        BrokerContext context = new BrokerContext(config, time, logs, topics, clusterId, new ProducerIdBlock(firstDir));
        GroupConfig groupConfig = config.groupConfig();
        OffsetsTopicStore offsetsTopic = new OffsetsTopicStore(topics, logs, time, groupConfig.offsetsPartitions());
        GroupCoordinator groups = new GroupCoordinator(groupConfig, time, offsetsTopic);
        OffsetManager offsets = new OffsetManager(groups, groupConfig, time, offsetsTopic);
        try {
            offsets.load();
        } catch (RuntimeException e) {
            logs.close();
            throw e;
        }
        groups.start(context.scheduler());
        offsets.start(context.scheduler());
        context.groupCoordinator(groups);
        context.groupOffsets(offsets);
        ApiRegistry apis = new ApiRegistry()
            .registerApiVersions(Versions.parse("0-4"))
            .register(ApiKey.METADATA, Versions.parse("0-12"), new MetadataHandler(context))
            .register(ApiKey.PRODUCE, Versions.parse("0-12"), new ProduceHandler(context))
            .register(ApiKey.FETCH, Versions.parse("4-18"), new FetchHandler(context))
            .register(ApiKey.LIST_OFFSETS, Versions.parse("1-7"), new ListOffsetsHandler(context))
            .register(ApiKey.INIT_PRODUCER_ID, Versions.parse("0-5"), new InitProducerIdHandler(context))
            .register(ApiKey.CREATE_TOPICS, Versions.parse("2-7"), new CreateTopicsHandler(context))
            .register(ApiKey.DELETE_TOPICS, Versions.parse("1-6"), new DeleteTopicsHandler(context))
            .register(ApiKey.CREATE_PARTITIONS, Versions.parse("0-3"), new CreatePartitionsHandler(context))
            .register(ApiKey.DELETE_RECORDS, Versions.parse("0-2"), new DeleteRecordsHandler(context))
            .register(ApiKey.OFFSET_FOR_LEADER_EPOCH, Versions.parse("2-4"), new OffsetForLeaderEpochHandler(context))
            .register(ApiKey.DESCRIBE_CLUSTER, Versions.parse("0-1"), new DescribeClusterHandler(context))
            .register(ApiKey.DESCRIBE_CONFIGS, Versions.parse("1-4"), new DescribeConfigsHandler(context))
            .register(ApiKey.INCREMENTAL_ALTER_CONFIGS, Versions.parse("0-1"),
                new IncrementalAlterConfigsHandler(context))
            .register(ApiKey.FIND_COORDINATOR, Versions.parse("0-6"), new FindCoordinatorHandler(context))
            .register(ApiKey.JOIN_GROUP, Versions.parse("0-9"), new JoinGroupHandler(groups))
            .register(ApiKey.SYNC_GROUP, Versions.parse("0-5"), new SyncGroupHandler(groups))
            .register(ApiKey.HEARTBEAT, Versions.parse("0-4"), new HeartbeatHandler(groups))
            .register(ApiKey.LEAVE_GROUP, Versions.parse("0-5"), new LeaveGroupHandler(groups))
            .register(ApiKey.OFFSET_COMMIT, Versions.parse("2-9"), new OffsetCommitHandler(context, offsets))
            .register(ApiKey.OFFSET_FETCH, Versions.parse("1-9"), new OffsetFetchHandler(offsets))
            .register(ApiKey.LIST_GROUPS, Versions.parse("0-5"), new ListGroupsHandler(groups))
            .register(ApiKey.DESCRIBE_GROUPS, Versions.parse("0-5"), new DescribeGroupsHandler(groups))
            .register(ApiKey.DELETE_GROUPS, Versions.parse("0-2"), new DeleteGroupsHandler(offsets))
            .register(ApiKey.OFFSET_DELETE, Versions.parse("0"), new OffsetDeleteHandler(offsets));
        BrokerConfig.HostPort listen = config.listener();
        NetworkServer server;
        try {
            server = NetworkServer.start(NetworkConfig.of(listen.host(), listen.port())
                .withMaxRequestBytes(config.socketRequestMaxBytes())
                .withMaxPendingRequests(config.queuedMaxRequests())
                .withIoThreads(config.networkThreads()), apis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            groups.close();
            logs.close();
            throw new IOException("interrupted while binding " + listen, e);
        } catch (RuntimeException e) {
            groups.close();
            logs.close();
            throw e;
        }
        context.advertised(config.advertisedListener(server.boundAddress().getPort()));
        LOG.info("broker-lite {} listening on {} (advertised as {}:{}), data in {}, cluster id {}, started in {} ms",
            config.nodeId(), server.boundAddress(), context.advertised().host(), context.advertised().port(),
            config.logDirs(), clusterId, (System.nanoTime() - started) / 1_000_000);
        return new BrokerLite(context, server);
    }

    /** Kafka's meta.properties: the cluster id is created once and kept. */
    private static String readOrCreateClusterId(Path dir, int nodeId) throws IOException {
        Files.createDirectories(dir);
        Path meta = dir.resolve("meta.properties");
        Properties p = new Properties();
        if (Files.exists(meta)) {
            try (InputStream in = Files.newInputStream(meta)) {
                p.load(in);
            }
            String id = p.getProperty("cluster.id");
            if (id != null) {
                return id;
            }
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(meta, "version=1\ncluster.id=" + id + "\nnode.id=" + nodeId + "\n", StandardCharsets.UTF_8);
        return id;
    }

    /** The address the broker is bound to. */
    public InetSocketAddress boundAddress() {
        return server.boundAddress();
    }

    /** {@code host:port} for a client's bootstrap.servers. */
    public String bootstrapServers() {
        return context.advertised().host() + ":" + context.advertised().port();
    }

    /** The shared broker state (for tests and tools in this module). */
    public BrokerContext context() {
        return context;
    }

    /** Stops accepting requests, then flushes and closes every log (writing the clean-shutdown marker). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        context.groupCoordinator().close();
        context.groupOffsets().close();
        try {
            context.logs().close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing logs", e);
        }
        LOG.info("broker-lite stopped");
    }

    /**
     * Runs a broker in the foreground from a {@code server.properties} file (first argument; default
     * {@code config/server.properties}) until SIGTERM or Ctrl-C, which stop it cleanly.
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "config/server.properties");
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
        } else if (args.length > 0) {
            System.err.println("broker-lite: no such file " + file);
            System.exit(2);
        }
        BrokerLite broker;
        try {
            broker = start(BrokerConfig.from(props), Time.SYSTEM);
        } catch (ConfigException e) {
            System.err.println("broker-lite: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("broker-lite is listening on " + broker.bootstrapServers() + " with data in "
            + broker.context().config().logDirs().get(0).toAbsolutePath().normalize() + " (Ctrl-C stops it)");
        String bootstrap = broker.bootstrapServers();
        System.out.println("Next steps, in another terminal (the scripts come with the same build):");
        System.out.println("  bin/topics --create --topic foods --bootstrap-server " + bootstrap
            + " --replication-factor 1 --partitions 4");
        System.out.println("  bin/console-producer --broker-list " + bootstrap + " --topic foods"
            + " --property \"key.separator=-\" --property \"parse.key=true\"");
        System.out.println("  bin/console-consumer --bootstrap-server " + bootstrap + " --topic foods --from-beginning"
            + " --property \"key.separator=-\" --property \"print.key=false\"");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-lite-shutdown"));
        stopped.await();
    }
}
