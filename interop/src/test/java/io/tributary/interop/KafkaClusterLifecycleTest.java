package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The in-JVM Kafka stops cleanly: after {@link KafkaCluster#close} no thread it started can keep the JVM alive
 * and its temporary directory is gone. Starts a private node (a few seconds), not the shared one.
 */
@Tag("interop")
class KafkaClusterLifecycleTest {

    @Test
    void closeStopsEveryThreadAndDeletesTheDirectory() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        KafkaCluster kafka = KafkaCluster.start();
        Path dir = kafka.dir();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isNotEmpty();
        }

        kafka.close();

        // bounded wait: a thread may be between its last task and its exit when close returns
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> leftOver = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                .map(Thread::getName)
                .collect(Collectors.toList());
            assertThat(leftOver).as("non-daemon threads still running after close").isEmpty();
        });
        assertThat(dir).doesNotExist();
    }
}
