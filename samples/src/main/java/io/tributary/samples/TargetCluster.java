package io.tributary.samples;

import io.tributary.broker.BrokerLite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cluster a sample talks to: the one named by {@code --bootstrap-server host:port}, or else a broker-lite
 * started in this JVM (on a free port, data in a temporary directory) and stopped again by {@link #close()}.
 *
 * <p>This is the only part of the samples that knows about broker-lite; the sample code itself uses nothing but
 * the clients and a bootstrap address, so it works unchanged against Apache Kafka or any Kafka-compatible cluster.
 */
public final class TargetCluster implements AutoCloseable {
    private final String bootstrapServers;
    private final BrokerLite broker;
    private final Path dataDir;

    private TargetCluster(String bootstrapServers, BrokerLite broker, Path dataDir) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
        this.dataDir = dataDir;
    }

    /**
     * Reads a sample's command line: {@code --bootstrap-server host:port} (or {@code --bootstrap-server=host:port})
     * for an existing cluster, nothing for an in-process broker-lite.
     *
     * @throws IllegalArgumentException for any other argument
     */
    public static TargetCluster fromArgs(String... args) throws IOException {
        String bootstrap = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--bootstrap-server") && i + 1 < args.length) {
                bootstrap = args[++i];
            } else if (args[i].startsWith("--bootstrap-server=")) {
                bootstrap = args[i].substring("--bootstrap-server=".length());
            } else {
                throw new IllegalArgumentException("argument : " + args[i]
                    + " (expected: nothing, or --bootstrap-server host:port)");
            }
        }
        if (bootstrap != null) {
            return new TargetCluster(bootstrap, null, null);
        }
        Path dir = Files.createTempDirectory("tributary-sample-");
        BrokerLite broker = BrokerLite.start(Map.of(
            "listeners", "PLAINTEXT://127.0.0.1:0", // any free port
            "log.dirs", dir.toString(),
            "group.initial.rebalance.delay.ms", "0", // a lone consumer need not wait for others to join
            "offsets.topic.num.partitions", "1"));
        System.out.println("Started an in-process broker-lite on " + broker.bootstrapServers()
            + " (give --bootstrap-server host:port to use another cluster)");
        return new TargetCluster(broker.bootstrapServers(), broker, dir);
    }

    /** The address to give clients as {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the in-process broker, if this started one, and deletes its data. */
    @Override
    public void close() throws IOException {
        if (broker == null) {
            return;
        }
        broker.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
