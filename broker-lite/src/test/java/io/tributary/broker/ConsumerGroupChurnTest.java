package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumers of one group join and leave at random while a producer writes numbered records: every record is
 * consumed at least once, the committed offsets reach the end, and no partition has two owners in one generation.
 */
class ConsumerGroupChurnTest {
    private static final String TOPIC = "churn";
    private static final String GROUP = "churners";
    private static final int PARTITIONS = 6;
    private static final Duration CHURN_FOR = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private BrokerLite broker;
    private Admin admin;
    private final List<Member> members = new ArrayList<>();
    private final Set<Integer> consumed = ConcurrentHashMap.newKeySet();
    /** generation -> partition -> the member that owned it in that generation. */
    private final Map<Integer, Map<TopicPartition, String>> owners = new ConcurrentHashMap<>();
    private final Collection<String> doubleOwners = new ConcurrentLinkedQueue<>();
    private final Collection<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger memberCount = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        broker = TestBrokers.startForGroups(dir, 3);
        admin = TestBrokers.admin(broker);
        admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
    }

    @AfterEach
    void stop() {
        for (Member m : members) {
            m.stop();
        }
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A group member on its own thread: poll, add the values to {@link #consumed}, commitSync. */
    private final class Member implements Runnable, ConsumerRebalanceListener {
        final String name = "member-" + memberCount.incrementAndGet();
        final KafkaConsumer<Integer, Integer> consumer;
        final Thread thread = new Thread(this, name);
        volatile boolean running = true;
        /** the generation and assignment of the last completed rebalance. */
        final AtomicReference<Map.Entry<Integer, Set<TopicPartition>>> last = new AtomicReference<>();

        Member() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300");
            // bounds how long a rebalance waits for a member that does not rejoin
            p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "10000");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
            consumer = new KafkaConsumer<>(p, new IntegerDeserializer(), new IntegerDeserializer());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(List.of(TOPIC), this);
                while (running) {
                    ConsumerRecords<Integer, Integer> records = consumer.poll(Duration.ofMillis(100));
                    if (records.isEmpty()) {
                        continue;
                    }
                    for (ConsumerRecord<Integer, Integer> r : records) {
                        consumed.add(r.value());
                    }
                    try {
                        consumer.commitSync();
                    } catch (CommitFailedException | RebalanceInProgressException e) {
                        // the group rebalanced under us: these records are redelivered to the new owner
                    }
                }
            } catch (WakeupException e) {
                // stop() woke us
            } catch (Throwable t) {
                failures.add(t);
            } finally {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            int generation = consumer.groupMetadata().generationId();
            Set<TopicPartition> assignment = Set.copyOf(consumer.assignment());
            if (generation <= 0) {
                failures.add(new AssertionError(name + " was assigned " + assignment + " in generation " + generation));
            }
            Map<TopicPartition, String> inGeneration = owners.computeIfAbsent(generation,
                g -> new ConcurrentHashMap<>());
            for (TopicPartition tp : assignment) {
                String other = inGeneration.putIfAbsent(tp, name);
                if (other != null && !other.equals(name)) {
                    doubleOwners.add(tp + " owned by " + other + " and " + name + " in generation " + generation);
                }
            }
            last.set(Map.entry(generation, assignment));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // every batch was committed after it was processed: nothing left to commit
        }

        void stop() {
            if (!running) {
                return;
            }
            running = false;
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                failures.add(new AssertionError(name + " did not stop"));
            }
        }
    }

    private List<Member> alive() {
        return members.stream().filter(m -> m.running).collect(Collectors.toList());
    }

    private int newestGeneration() {
        return owners.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** true once every live member completed one rebalance after {@code after} and together they own all. */
    private boolean settledAfter(int after) {
        List<Member> live = alive();
        Set<Integer> generations = new HashSet<>();
        Set<TopicPartition> owned = new HashSet<>();
        for (Member m : live) {
            Map.Entry<Integer, Set<TopicPartition>> last = m.last.get();
            if (last == null) {
                return false;
            }
            generations.add(last.getKey());
            owned.addAll(last.getValue());
        }
        return generations.size() == 1 && generations.iterator().next() > after && owned.size() == PARTITIONS;
    }

    @Test
    void everyRecordIsConsumedWhileMembersJoinAndLeave() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("ConsumerGroupChurnTest seed " + seed);
        AtomicInteger produced = new AtomicInteger();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        long deadline = System.nanoTime() + CHURN_FOR.toNanos();
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        pp.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        Thread producerThread = new Thread(() -> {
            try (KafkaProducer<Integer, Integer> producer = new KafkaProducer<>(pp, new IntegerSerializer(),
                new IntegerSerializer())) {
                // each record is acknowledged before the next: "produced" counts only acknowledged records
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, i, i)).get();
                    produced.incrementAndGet();
                }
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        }, "churn-producer");
        producerThread.setDaemon(true);
        try {
            producerThread.start();
            members.add(new Member());
            await().atMost(Duration.ofSeconds(30)).until(() -> settledAfter(0));
            int actions = 0;
            while (System.nanoTime() < deadline) {
                int before = newestGeneration();
                int live = alive().size();
                boolean join = live == 1 || (live < 4 && random.nextBoolean());
                if (join) {
                    members.add(new Member());
                } else {
                    alive().get(random.nextInt(live)).stop();
                }
                actions++;
                // the group settles into a new generation, then makes progress in it
                await().atMost(Duration.ofSeconds(30)).until(() -> settledAfter(before));
                int consumedBefore = consumed.size();
                await().atMost(Duration.ofSeconds(30))
                    .until(() -> consumed.size() > consumedBefore || System.nanoTime() >= deadline);
            }
            producerThread.join(Duration.ofSeconds(30).toMillis());
            assertThat(producerThread.isAlive()).isFalse();
            assertThat(producerFailure.get()).isNull();
            assertThat(alive()).isNotEmpty();

            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p), p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(produced.get());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() == e.getValue());
            });

            System.out.println("ConsumerGroupChurnTest: " + produced.get() + " records, " + actions
                + " joins/leaves, " + owners.size() + " generations, " + memberCount.get() + " members");
            assertThat(failures).isEmpty();
            assertThat(doubleOwners).isEmpty();
            assertThat(actions).isGreaterThanOrEqualTo(3);
            assertThat(produced.get()).isPositive();
            Set<Integer> missing = IntStream.range(0, produced.get()).boxed()
                .filter(i -> !consumed.contains(i)).collect(Collectors.toSet());
            assertThat(missing).as("records never consumed").isEmpty();
        } finally {
            for (Member m : members) {
                m.stop();
            }
            producerThread.interrupt();
            producerThread.join(Duration.ofSeconds(30).toMillis());
        }
    }
}
