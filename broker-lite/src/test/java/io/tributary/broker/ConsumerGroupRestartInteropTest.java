package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.group.GroupState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real consumer that keeps running while the broker restarts (same port, same data): the group state is restored
 * from __consumer_offsets, the consumer's heartbeats are accepted and it keeps its partitions in the same generation.
 */
class ConsumerGroupRestartInteropTest {
    private static final String TOPIC = "across";
    private static final String GROUP = "survivors";

    @TempDir
    Path dir;
    private BrokerLite broker;
    private volatile boolean running = true;
    private Thread thread;

    @AfterEach
    void stop() throws Exception {
        running = false;
        if (thread != null) {
            thread.join(30_000);
        }
        if (broker != null) {
            broker.close();
        }
    }

    private BrokerLite start(int port) throws Exception {
        return BrokerLite.start(Map.of("listeners", "PLAINTEXT://127.0.0.1:" + port, "log.dirs", dir.toString(),
            "group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "3"));
    }

    private void produce(int from, int to) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
            new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    @Test
    void aConsumerKeepsItsAssignmentAndGenerationAcrossABrokerRestart() throws Exception {
        broker = start(0);
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "15000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        // Kafka 4.x clients re-bootstrap when no broker is reachable, which empties their metadata for a moment;
        // a group leader then sees "metadata changed" and rebalances, whatever the broker does. This test is
        // about the broker restoring the group, so the client keeps its metadata across the restart.
        p.put("metadata.recovery.strategy", "none");
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
        AtomicInteger generation = new AtomicInteger(-1);
        AtomicInteger assignedCallbacks = new AtomicInteger();
        AtomicInteger revokedOrLost = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
            new StringDeserializer());
        thread = new Thread(() -> {
            try (consumer) {
                consumer.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        if (!partitions.isEmpty()) {
                            revokedOrLost.incrementAndGet();
                        }
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        assignedCallbacks.incrementAndGet();
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        revokedOrLost.incrementAndGet();
                    }
                });
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<String, String> r : records) {
                        seen.add(r.value());
                    }
                    if (!records.isEmpty()) {
                        consumer.commitSync(); // checked against the member id and generation
                    }
                    assignment.set(Set.copyOf(consumer.assignment()));
                    generation.set(consumer.groupMetadata().generationId());
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "survivor");
        thread.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(assignment.get()).hasSize(2);
            assertThat(broker.context().groupCoordinator().state(GROUP)).contains(GroupState.STABLE);
        });
        produce(0, 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 10);
        // on a loaded machine the first join may take another round after the first records arrived: wait until
        // the generation has held still for a few heartbeats before taking the snapshot
        int[] lastGeneration = {generation.get()};
        long[] since = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            int g = generation.get();
            if (g != lastGeneration[0]) {
                lastGeneration[0] = g;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > Duration.ofSeconds(2).toNanos()
                && broker.context().groupCoordinator().state(GROUP).orElse(null) == GroupState.STABLE;
        });
        int generationBefore = generation.get();
        int assignedBefore = assignedCallbacks.get();
        int revokedBefore = revokedOrLost.get();
        String memberBefore = broker.context().groupCoordinator().describeGroup(GROUP).members().get(0).memberId();

        broker.close();
        broker = start(port);
        assertThat(broker.context().groupCoordinator().state(GROUP)).contains(GroupState.STABLE);

        produce(10, 20);
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 20);
        // the commits after the restart were accepted for the restored member and generation
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.context().groupOffsets().fetchOffsets(GROUP, null)
            .values().stream().mapToLong(o -> o.offset()).sum() == 20);
        // several heartbeat intervals later the member is still the same one
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(broker.context().groupCoordinator().describeGroup(GROUP).members())
                .extracting(io.tributary.broker.group.GroupCoordinator.MemberDescription::memberId)
                .containsExactly(memberBefore));
        assertThat(failure.get()).isNull();
        assertThat(broker.context().groupCoordinator().state(GROUP)).contains(GroupState.STABLE);
        assertThat(generation.get()).isEqualTo(generationBefore);
        assertThat(assignment.get()).hasSize(2);
        // no rebalance callbacks since the restart (the first join may have taken more than one round)
        assertThat(assignedCallbacks.get()).isEqualTo(assignedBefore);
        assertThat(revokedOrLost.get()).isEqualTo(revokedBefore);
    }
}
