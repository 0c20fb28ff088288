package io.tributary.benchmarks.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * One broker in its own child JVM: the harness's own classpath, the given JVM flags, its stdout and stderr in a log
 * file in its directory. {@link #close} stops it (SIGTERM, then SIGKILL after 30 s) and waits for it;
 * {@link #stopAll} (for a shutdown hook) stops every one still running.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    final BrokerKind kind;
    final String bootstrap;
    /** Time spent formatting the storage before the broker was spawned (Kafka only), or -1. */
    final long formatMillis;
    private final List<String> command;
    private final Path log;
    private final int timeoutSeconds;
    private Process process;
    private long spawnNanos;

    private BrokerProcess(BrokerKind kind, String bootstrap, long formatMillis, List<String> command, Path log,
                          int timeoutSeconds) {
        this.kind = kind;
        this.bootstrap = bootstrap;
        this.formatMillis = formatMillis;
        this.command = command;
        this.log = log;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Writes the broker's configuration in {@code dir} (and formats Kafka's storage); does not start it yet. */
    static BrokerProcess prepare(BrokerKind kind, Path dir, List<String> jvmFlags, int timeoutSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log4j = Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
            "status = warn", "appender.out.type = Console", "appender.out.name = OUT",
            "appender.out.layout.type = PatternLayout", "appender.out.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = warn", "rootLogger.appenderRef.out.ref = OUT", ""));
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.addAll(jvmFlags);
        java.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath(), "-cp", System.getProperty("java.class.path")));
        Path data = dir.resolve("data");
        int port = freePort();
        String listener = "127.0.0.1:" + port;
        StringBuilder props = new StringBuilder("node.id=1\nlog.dirs=" + data.toAbsolutePath() + "\n");
        long formatMillis = -1;
        Path config = dir.resolve("server.properties");
        if (kind == BrokerKind.TRIBUTARY) {
            props.append("listeners=PLAINTEXT://").append(listener).append('\n');
            Files.writeString(config, props);
            java.add("io.tributary.broker.BrokerLite");
        } else {
            String controller = "127.0.0.1:" + freePort();
            props.append("process.roles=broker,controller\n")
                .append("listeners=PLAINTEXT://").append(listener).append(",CONTROLLER://").append(controller).append('\n')
                .append("controller.quorum.bootstrap.servers=").append(controller).append('\n')
                .append("controller.listener.names=CONTROLLER\ninter.broker.listener.name=PLAINTEXT\n")
                .append("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n")
                .append("offsets.topic.replication.factor=1\ntransaction.state.log.replication.factor=1\n")
                .append("transaction.state.log.min.isr=1\ngroup.initial.rebalance.delay.ms=0\n")
                .append("share.coordinator.state.topic.replication.factor=1\nshare.coordinator.state.topic.min.isr=1\n");
            Files.writeString(config, props);
            List<String> format = new ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone",
                "-t", Uuid.randomUuid().toString(), "-c", config.toAbsolutePath().toString()));
            long start = System.nanoTime();
            runToCompletion(format, dir.resolve("format.log"), timeoutSeconds);
            formatMillis = (System.nanoTime() - start) / 1_000_000;
            java.add("kafka.Kafka");
        }
        java.add(config.toAbsolutePath().toString());
        return new BrokerProcess(kind, listener, formatMillis, List.copyOf(java), dir.resolve(kind.label + ".log"),
            timeoutSeconds);
    }

    /** Starts the broker process; the ready time counts from here. */
    void spawn() throws IOException {
        spawnNanos = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LIVE.add(process);
    }

    /** Waits until {@code admin} gets a describeCluster answer naming a node; returns milliseconds since spawn. */
    long awaitReady(Admin admin) throws IOException {
        long deadline = spawnNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(kind.label + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000)).nodes().get().isEmpty()) {
                    return (System.nanoTime() - spawnNanos) / 1_000_000;
                }
            } catch (ExecutionException e) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // not up yet: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + kind.label, e);
            }
        }
        throw new IOException(kind.label + " was not ready within " + timeoutSeconds + " s");
    }

    long pid() {
        return process.pid();
    }

    /** The last lines of the broker's output. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            stop(process);
            LIVE.remove(process);
        }
    }

    /** Stops every broker (and storage format) process still running. */
    static void stopAll() {
        LIVE.forEach(BrokerProcess::stop);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void runToCompletion(List<String> command, Path out, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        LIVE.add(p);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("storage format failed: " + String.join(" ", command.subList(command.size() - 6,
                    command.size())) + "\n" + Files.readString(out));
            }
        } finally {
            stop(p);
            LIVE.remove(p);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
