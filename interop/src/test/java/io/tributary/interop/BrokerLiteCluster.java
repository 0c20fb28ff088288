package io.tributary.interop;

import io.tributary.broker.BrokerLite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** broker-lite embedded in the test JVM: loopback, an ephemeral port, data in a temporary directory. */
final class BrokerLiteCluster implements TestCluster {
    private final BrokerLite broker;
    private final Path dir;

    private BrokerLiteCluster(BrokerLite broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
    }

    static BrokerLiteCluster start() throws IOException {
        Path dir = Files.createTempDirectory("tributary-interop-broker-lite-");
        try {
            // the group settings match KafkaCluster's, so group tests see the same timing on both
            BrokerLite broker = BrokerLite.start(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.toString(),
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", Integer.toString(KafkaCluster.OFFSETS_PARTITIONS)));
            return new BrokerLiteCluster(broker, dir);
        } catch (IOException | RuntimeException e) {
            TempDirs.deleteQuietly(dir);
            throw e;
        }
    }

    @Override
    public String name() {
        return "broker-lite";
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
