package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kafka-clients consumer that stops calling poll() exceeds max.poll.interval.ms: its heartbeat thread leaves
 * the group and the member that keeps polling ends up owning every partition.
 */
class ConsumerGroupTimeoutInteropTest {
    private static final String TOPIC = "slow";
    private static final String GROUP = "pollers";

    @TempDir
    Path dir;
    private BrokerLite broker;
    private Member polling;
    private Member stalled;

    @AfterEach
    void stop() throws Exception {
        if (polling != null) {
            polling.stop();
        }
        if (stalled != null) {
            stalled.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Properties props() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "3000");
        return p;
    }

    /** A subscribed consumer on its own thread; {@link #stall()} makes it stop polling without closing. */
    private final class Member {
        final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicBoolean stalling = new AtomicBoolean();
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean running = true;
        final Thread thread;

        Member(String name) {
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props(), new StringDeserializer(),
                new StringDeserializer());
            thread = new Thread(() -> {
                try (consumer) {
                    consumer.subscribe(List.of(TOPIC));
                    while (running) {
                        if (stalling.get()) {
                            stalled.countDown();
                            release.await(); // no poll() until the test ends
                            continue;
                        }
                        consumer.poll(Duration.ofMillis(100));
                        assignment.set(Set.copyOf(consumer.assignment()));
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, name);
            thread.start();
        }

        void stall() throws InterruptedException {
            stalling.set(true);
            assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
        }

        void stop() throws InterruptedException {
            running = false;
            release.countDown();
            thread.join(30_000);
        }
    }

    @Test
    void aMemberThatStopsPollingLosesItsPartitionsToTheOneThatPolls() throws Exception {
        broker = TestBrokers.startForGroups(dir, 3);
        try (Admin admin = TestBrokers.admin(broker)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
        }
        polling = new Member("polling");
        stalled = new Member("stalled");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(polling.assignment.get()).hasSize(2);
            assertThat(stalled.assignment.get()).hasSize(2);
        });

        stalled.stall();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(polling.failure.get()).isNull();
            assertThat(polling.assignment.get()).hasSize(4);
            assertThat(broker.context().groupCoordinator().describeGroup(GROUP).members()).hasSize(1);
        });
        assertThat(polling.assignment.get()).extracting(TopicPartition::partition)
            .containsExactlyInAnyOrder(0, 1, 2, 3);
    }
}
