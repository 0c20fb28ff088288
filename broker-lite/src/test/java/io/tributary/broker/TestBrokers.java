package io.tributary.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Embedded brokers for tests: loopback, an ephemeral port, data in the test's temporary directory. */
final class TestBrokers {
    private TestBrokers() {
    }

    /** A broker with data in {@code dir} and any further settings given as key, value, key, value... */
    static BrokerLite start(Path dir, String... settings) throws IOException {
        Map<String, String> props = new HashMap<>();
        props.put("listeners", "PLAINTEXT://127.0.0.1:0");
        props.put("log.dirs", dir.toString());
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return BrokerLite.start(props);
    }

    /** A broker for group tests: no initial rebalance delay and a small __consumer_offsets. */
    static BrokerLite startForGroups(Path dir, int offsetsPartitions) throws IOException {
        return start(dir, "group.initial.rebalance.delay.ms", "0",
            "offsets.topic.num.partitions", Integer.toString(offsetsPartitions));
    }

    /** The real Kafka Admin client, bootstrapped from {@code broker}; the caller closes it. */
    static Admin admin(BrokerLite broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
