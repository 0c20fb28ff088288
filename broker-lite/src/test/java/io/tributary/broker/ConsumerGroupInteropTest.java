package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import io.tributary.broker.group.GroupCoordinator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kafka-clients 4.4 classic consumer in subscribe() mode against broker-lite's group coordinator. */
class ConsumerGroupInteropTest {
    @TempDir
    Path dir;
    private BrokerLite broker;
    private final List<GroupMember> members = new ArrayList<>();

    private BrokerLite startBroker() throws IOException {
        return TestBrokers.startForGroups(dir, 5);
    }

    @AfterEach
    void stop() throws Exception {
        for (GroupMember m : members) {
            m.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Properties consumerProps(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300");
        return p;
    }

    private void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = TestBrokers.admin(broker)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    private void produce(String topic, int from, int to) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
            new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    /** A subscribed consumer polling on its own thread, committing synchronously after every non-empty poll. */
    private final class GroupMember {
        final ConcurrentLinkedQueue<String> processed;
        final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** Every non-empty set of partitions this member was asked to give up, in order. */
        final ConcurrentLinkedQueue<Set<TopicPartition>> revocations = new ConcurrentLinkedQueue<>();
        volatile boolean running = true;
        final Thread thread;

        GroupMember(Properties props, String topic, ConcurrentLinkedQueue<String> processed) {
            this.processed = processed;
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
            thread = new Thread(() -> {
                try (consumer) {
                    consumer.subscribe(List.of(topic), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                            if (!partitions.isEmpty()) {
                                revocations.add(Set.copyOf(partitions));
                            }
                        }

                        @Override
                        public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                        }
                    });
                    while (running) {
                        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                        for (ConsumerRecord<String, String> r : records) {
                            processed.add(r.value());
                        }
                        if (!records.isEmpty()) {
                            consumer.commitSync();
                        }
                        assignment.set(Set.copyOf(consumer.assignment()));
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "group-member");
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }
    }

    private GroupMember member(String group, String topic, ConcurrentLinkedQueue<String> processed) {
        return member(consumerProps(group), topic, processed);
    }

    private GroupMember member(Properties props, String topic, ConcurrentLinkedQueue<String> processed) {
        GroupMember m = new GroupMember(props, topic, processed);
        members.add(m);
        return m;
    }

    private static void assertSplit(List<GroupMember> group, int partitions) {
        Set<TopicPartition> union = new HashSet<>();
        int total = 0;
        for (GroupMember m : group) {
            assertThat(m.failure.get()).isNull();
            assertThat(m.assignment.get()).hasSize(partitions / group.size());
            union.addAll(m.assignment.get());
            total += m.assignment.get().size();
        }
        assertThat(total).isEqualTo(partitions);
        assertThat(union).hasSize(partitions);
    }

    @Test
    void threeConsumersSplitSixPartitionsAndProcessEveryRecordOnce() throws Exception {
        broker = startBroker();
        createTopic("split", 6);
        ConcurrentLinkedQueue<String> processed = new ConcurrentLinkedQueue<>();
        GroupMember a = member("splitters", "split", processed);
        GroupMember b = member("splitters", "split", processed);
        GroupMember c = member("splitters", "split", processed);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertSplit(List.of(a, b, c), 6));

        produce("split", 0, 600);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed.size() >= 600);

        c.stop();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertSplit(List.of(a, b), 6));

        produce("split", 600, 1200);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed.size() >= 1200);
        // give a duplicate a chance to show up before checking
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        List<String> all = new ArrayList<>(processed);
        assertThat(all).hasSize(1200).doesNotHaveDuplicates();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 1200; i++) {
            expected.add("v" + i);
        }
        assertThat(new HashSet<>(all)).isEqualTo(expected);
    }

    @Test
    void cooperativeStickyRebalancesAreIncremental() throws Exception {
        broker = startBroker();
        createTopic("coop", 4);
        Properties props = consumerProps("cooperative");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        ConcurrentLinkedQueue<String> processed = new ConcurrentLinkedQueue<>();
        GroupMember a = member(props, "coop", processed);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertSplit(List.of(a), 4));
        Set<TopicPartition> before = a.assignment.get();
        GroupMember b = member(props, "coop", processed);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertSplit(List.of(a, b), 4));
        assertThat(broker.context().groupCoordinator().describeGroup("cooperative").protocolName())
            .isEqualTo("cooperative-sticky");
        // incremental: a gave up exactly the partitions b received, and never the ones it kept
        Set<TopicPartition> revoked = new HashSet<>();
        a.revocations.forEach(revoked::addAll);
        assertThat(revoked).isEqualTo(b.assignment.get());
        assertThat(before).containsAll(a.assignment.get());
        assertThat(revoked).doesNotContainAnyElementsOf(a.assignment.get());
    }

    @Test
    void aRestartedStaticMemberTakesItsPlaceWithoutARebalance() throws Exception {
        broker = startBroker();
        createTopic("static", 4);
        ConcurrentLinkedQueue<String> processed = new ConcurrentLinkedQueue<>();
        Properties first = consumerProps("statics");
        first.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "first");
        Properties second = consumerProps("statics");
        second.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "second");
        GroupMember a = member(first, "static", processed);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertSplit(List.of(a), 4)); // a leads
        GroupMember b = member(second, "static", processed);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertSplit(List.of(a, b), 4));
        Set<TopicPartition> ofA = a.assignment.get();
        Set<TopicPartition> ofB = b.assignment.get();
        int revocationsOfA = a.revocations.size();

        b.stop(); // a static member sends no LeaveGroup; its replacement takes over the instance id
        GroupMember b2 = member(second, "static", processed);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(b2.assignment.get()).isEqualTo(ofB));
        // KIP-345: no rebalance, so a kept its partitions and was never asked to give any up
        assertThat(a.assignment.get()).isEqualTo(ofA);
        assertThat(a.revocations).hasSize(revocationsOfA);
        assertThat(broker.context().groupCoordinator().describeGroup("statics").members())
            .extracting(GroupCoordinator.MemberDescription::groupInstanceId).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void committedOffsetsSurviveABrokerRestart() throws Exception {
        broker = startBroker();
        createTopic("resume", 1);
        produce("resume", 0, 10);
        TopicPartition tp = new TopicPartition("resume", 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps("resumers"),
            new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("resume"));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return seen.size() >= 10;
            });
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(6, "six")));
        }
        broker.close();
        broker = startBroker();

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps("resumers"),
            new StringDeserializer(), new StringDeserializer())) {
            assertThat(consumer.committed(Set.of(tp)).get(tp)).isEqualTo(new OffsetAndMetadata(6, "six"));
            consumer.subscribe(List.of("resume"));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return seen.size() >= 4;
            });
            assertThat(seen).extracting(ConsumerRecord::offset).containsExactly(6L, 7L, 8L, 9L);
        }
    }
}
