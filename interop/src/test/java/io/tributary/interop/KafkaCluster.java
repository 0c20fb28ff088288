package io.tributary.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka node (the {@code kafka_2.13} jar) in the test JVM: one KRaft process that is both broker and
 * controller, on loopback with two free ports, its storage formatted in a temporary directory. The settings are the
 * benchmarks' child-process Kafka ({@code BrokerProcess}), with a static one-voter quorum so formatting needs no
 * controller directory id.
 */
final class KafkaCluster implements TestCluster {
    /** Partitions of {@code __consumer_offsets} (and of the transaction log): 1, so the first group starts fast. */
    static final int OFFSETS_PARTITIONS = 1;
    private static final int NODE_ID = 1;
    private static final long READY_TIMEOUT_MS = 60_000;

    private final KafkaRaftServer server;
    private final String bootstrap;
    private final Path dir;

    private KafkaCluster(KafkaRaftServer server, String bootstrap, Path dir) {
        this.server = server;
        this.bootstrap = bootstrap;
        this.dir = dir;
    }

    static KafkaCluster start() throws IOException {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("tributary-interop-kafka-");
        KafkaRaftServer server = null;
        try {
            String data = dir.resolve("data").toString();
            String broker = "127.0.0.1:" + freePort();
            String controller = "127.0.0.1:" + freePort();
            KafkaConfig config = new KafkaConfig(settings(data, broker, controller), false);
            format(data);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady(broker);
            System.out.printf("interop: Kafka started at %s in %d ms%n", broker,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new KafkaCluster(server, broker, dir);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                stop(server);
            }
            TempDirs.deleteQuietly(dir);
            throw e;
        }
    }

    private static Map<String, String> settings(String data, String broker, String controller) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + controller);
        props.put("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
        props.put("advertised.listeners", "PLAINTEXT://" + broker);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", data);
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", Integer.toString(OFFSETS_PARTITIONS));
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", Integer.toString(OFFSETS_PARTITIONS));
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    /** What {@code kafka-storage.sh format} does: writes meta.properties and the bootstrap metadata. */
    private static void format(String data) throws IOException {
        try {
            new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(data))
                .setMetadataLogDirectory(data)
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("formatting Kafka's storage in " + data + " failed", e);
        }
    }

    /** Waits until the broker answers DescribeCluster naming itself (startup() has normally got there already). */
    private static void awaitReady(String bootstrap) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000)).nodes()
                            .get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for Kafka at " + bootstrap, e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // not up yet: ask again
            }
            throw new IOException("Kafka at " + bootstrap + " not ready in " + READY_TIMEOUT_MS + " ms", last);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /** The temporary directory holding the node's storage; deleted by {@link #close}. */
    Path dir() {
        return dir;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() {
        try {
            stop(server);
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
