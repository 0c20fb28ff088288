package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.producer.Producer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.ClientSupplier;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.Topology;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two {@link TributaryStreams} instances of one word-count application share a 4-partition input; one of them
 * stops mid-run while lines keep coming, and the survivor takes over its tasks (restoring their counts from the
 * changelog). The oracle is the input itself: the latest count per word on the output topic, read with the real
 * KafkaConsumer, must equal the count of that word in every line produced.
 *
 * <p>Two ways to stop: {@link TributaryStreams#close()} (final commit, then LeaveGroup, so the group rebalances at
 * once), and an unclean kill through {@link ClientSupplier}, in the middle of processing (after the instance's
 * 500th send from then on): its consumer starts throwing from {@code poll} and {@code commitSync} (the stream thread
 * dies without committing what it processed since its last commit), its producer is closed without waiting, and as
 * a static member ({@code group.instance.id}) it sends no LeaveGroup, so the survivor gets its partitions only when
 * the broker expires the session.
 */
@Tag("interop")
class StreamsFailoverTest {
    private static final int PARTITIONS = 4;
    private static final int ROUNDS = 5;
    private static final int LINES_PER_ROUND = 300;
    /** Kafka's and broker-lite's smallest allowed session (group.min.session.timeout.ms). */
    private static final int SESSION_TIMEOUT_MS = 6_000;
    private static final List<String> VOCABULARY = List.of("apple", "banana", "cherry", "date", "elder", "fig",
        "grape", "hazel", "iris", "juniper", "kiwi", "lemon", "mango", "nectarine", "olive", "peach", "quince",
        "raspberry", "sloe", "tamarind", "ugli", "vanilla", "walnut", "xigua", "yam", "zucchini");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void theSurvivorOfACleanCloseEndsWithTheExactCounts(TestCluster cluster) throws Exception {
        try (Run run = new Run(cluster, "wc-close")) {
            TributaryStreams first = run.start("a", ClientSupplier.tributary(), Map.of());
            TributaryStreams survivor = run.start("b", ClientSupplier.tributary(), Map.of());
            run.produceRound(1);
            run.awaitBothMembersWorkAndCountsCaughtUp();
            run.produceRound(2);

            assertThat(first.close(Duration.ofSeconds(30))).isTrue();
            assertThat(first.state()).isEqualTo(TributaryStreams.State.NOT_RUNNING);
            for (int round = 3; round <= ROUNDS; round++) {
                run.produceRound(round);
            }

            run.awaitExactFinalCounts();
            assertThat(run.membersAndTheirInputPartitions()).hasSize(1).containsValue(PARTITIONS);
            assertThat(survivor.state()).isEqualTo(TributaryStreams.State.RUNNING);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void theSurvivorOfAnUncleanKillLosesNoUpdate(TestCluster cluster) throws Exception {
        try (Run run = new Run(cluster, "wc-kill")) {
            KillableClients doomed = new KillableClients();
            // a static member sends no LeaveGroup on close: the broker notices the death by the session timeout
            TributaryStreams first = run.start("a", doomed, Map.of("consumer.group.instance.id", run.app + "-a"));
            TributaryStreams survivor = run.start("b", ClientSupplier.tributary(), Map.of());
            run.produceRound(1);
            run.awaitBothMembersWorkAndCountsCaughtUp();
            doomed.killAfterSends(500); // mid-run: while the instance works on round 2's lines
            run.produceRound(2);
            Awaitility.await("the killed instance's thread ends").atMost(Duration.ofSeconds(30))
                .until(() -> first.state() == TributaryStreams.State.ERROR);
            assertThat(first.failure()).hasMessageContaining("killed");
            for (int round = 3; round <= ROUNDS; round++) {
                run.produceRound(round);
            }

            // At-least-once: what the killed instance processed after its last commit is processed again by the
            // survivor, on top of state restored from changelog records it may already have written, so a count
            // can come out higher than the truth; it never comes out lower.
            Map<String, Long> latest = run.awaitEverythingProcessed();
            run.expected.forEach((word, count) -> assertThat(latest.get(word)).as(word).isGreaterThanOrEqualTo(count));
            assertThat(latest).containsOnlyKeys(run.expected.keySet());
            long surplus = run.expected.entrySet().stream().mapToLong(e -> latest.get(e.getKey()) - e.getValue()).sum();
            System.out.printf("interop: %s: counted %d words twice after the kill (of %d)%n", cluster.name(), surplus,
                run.expected.values().stream().mapToLong(Long::longValue).sum());
            assertThat(run.membersAndTheirInputPartitions()).hasSize(1).containsValue(PARTITIONS);
            assertThat(survivor.state()).isEqualTo(TributaryStreams.State.RUNNING);
        }
    }

    /** The application, its topics, the instances started and the true counts of what was produced. */
    private static final class Run implements AutoCloseable {
        private final TestCluster cluster;
        private final String app;
        private final String input;
        private final String output;
        private final Topology topology;
        private final List<TributaryStreams> instances = new ArrayList<>();
        private final Map<String, Long> expected = new TreeMap<>();
        private final Map<String, Long> latest = new HashMap<>();
        private final KafkaProducer<String, String> producer;
        private final KafkaConsumer<String, Long> reader;
        private final org.apache.kafka.clients.admin.Admin admin;
        private int lineNumber;

        Run(TestCluster cluster, String prefix) throws Exception {
            this.cluster = cluster;
            this.app = Clusters.uniqueName(prefix);
            this.input = app + "-lines";
            this.output = app + "-counts";
            Topics.create(cluster.bootstrapServers(), input, PARTITIONS);
            Topics.create(cluster.bootstrapServers(), output, PARTITIONS);
            this.topology = wordCount(input, output);
            Map<String, Object> producerConfig = cluster.clientConfig();
            producerConfig.put("acks", "all");
            this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
            this.reader = new KafkaConsumer<>(cluster.clientConfig(), new StringDeserializer(), new LongDeserializer());
            List<TopicPartition> outputs = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                outputs.add(new TopicPartition(output, p));
            }
            reader.assign(outputs);
            reader.seekToBeginning(outputs);
            this.admin = org.apache.kafka.clients.admin.Admin.create(cluster.clientConfig());
        }

        /** lines → words → grouped by word (through a repartition topic) → count → output, keyed by word. */
        private static Topology wordCount(String input, String output) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(input, Consumed.with(Serdes.string(), Serdes.string()))
                .flatMapValues(line -> Arrays.stream(line.split(" ")).filter(w -> !w.isEmpty()).toList())
                .groupBy((lineKey, word) -> word, Grouped.with(Serdes.string(), Serdes.string()))
                .count(Materialized.as("counts"))
                .toStream()
                .to(output, Produced.with(Serdes.string(), Serdes.longs()));
            return builder.build();
        }

        TributaryStreams start(String name, ClientSupplier clients, Map<String, Object> extra) {
            Map<String, Object> config = new HashMap<>();
            config.put("application.id", app);
            config.put("bootstrap.servers", cluster.bootstrapServers());
            config.put("commit.interval.ms", "200");
            config.put("poll.ms", "50");
            config.put("consumer.client.id", app + "-" + name);
            config.put("consumer.session.timeout.ms", Integer.toString(SESSION_TIMEOUT_MS));
            config.put("consumer.heartbeat.interval.ms", "300");
            config.putAll(extra);
            TributaryStreams streams = new TributaryStreams(topology, config, clients);
            instances.add(streams);
            streams.start();
            return streams;
        }

        /** Sends {@link #LINES_PER_ROUND} lines of 1-8 random words, keyed by line number (so on every partition). */
        void produceRound(int round) throws Exception {
            Random random = new Random(round);
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < LINES_PER_ROUND; i++) {
                List<String> words = new ArrayList<>();
                for (int w = 1 + random.nextInt(8); w > 0; w--) {
                    words.add(VOCABULARY.get(random.nextInt(VOCABULARY.size())));
                }
                words.forEach(word -> expected.merge(word, 1L, Long::sum));
                sent.add(producer.send(new ProducerRecord<>(input, "line-" + lineNumber++, String.join(" ", words))));
            }
            for (var f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }

        private ConditionFactory await(String what) {
            return Awaitility.await(what).atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100))
                .pollInSameThread();
        }

        /** The latest count of each word on the output topic so far. */
        Map<String, Long> readLatest() {
            reader.poll(Duration.ofMillis(100)).forEach(r -> latest.put(r.key(), r.value()));
            return latest;
        }

        void awaitBothMembersWorkAndCountsCaughtUp() {
            await("two members with input partitions each, and the counts of round 1")
                .until(() -> {
                    Map<String, Integer> members = membersAndTheirInputPartitions();
                    return members.size() == 2 && !members.containsValue(0) && readLatest().equals(expected);
                });
        }

        /**
         * Waits until the output shows the true counts and the group has committed the end of the input and of the
         * repartition topic (so nothing is left to reprocess), then reads the output again: still the true counts.
         */
        void awaitExactFinalCounts() throws Exception {
            await("the true counts on " + output).until(() -> readLatest().equals(expected));
            Map<String, Long> after = awaitEverythingProcessed();
            assertThat(after).isEqualTo(expected);
        }

        /** Waits until every committed offset of the group is its partition's end, and returns the latest counts. */
        Map<String, Long> awaitEverythingProcessed() {
            await("the group's offsets committed to the end of the input and repartition topics")
                .ignoreExceptions()
                .until(() -> {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(app)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latestSpec = committed.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                    var ends = admin.listOffsets(latestSpec).all().get(10, TimeUnit.SECONDS);
                    Set<String> topics = committed.keySet().stream().map(TopicPartition::topic)
                        .collect(Collectors.toSet());
                    return committed.size() == 2 * PARTITIONS
                        && topics.equals(Set.of(input, app + "-counts-repartition"))
                        && committed.entrySet().stream()
                            .allMatch(e -> e.getValue().offset() == ends.get(e.getKey()).offset());
                });
            // every output record was acknowledged before those commits: read up to the output's end
            Map<TopicPartition, Long> ends = reader.endOffsets(reader.assignment());
            await("the output read to its end").until(() -> {
                readLatest();
                return ends.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
            });
            return new TreeMap<>(latest);
        }

        /** The group's members, each with how many input partitions it has (DescribeGroups). */
        Map<String, Integer> membersAndTheirInputPartitions() throws Exception {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(app)).all()
                .get(10, TimeUnit.SECONDS).get(app);
            Map<String, Integer> out = new HashMap<>();
            for (MemberDescription m : group.members()) {
                out.put(m.consumerId(), (int) m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(input)).count());
            }
            return out;
        }

        @Override
        public void close() {
            instances.forEach(s -> s.close(Duration.ofSeconds(30)));
            producer.close();
            reader.close();
            admin.close();
        }
    }

    /**
     * Tributary's clients, with a switch that makes the instance die as a crashed process would: its consumer
     * throws from {@code poll} and {@code commit*} (so nothing is committed any more) and its producer is closed
     * without waiting for what it has not sent yet.
     */
    private static final class KillableClients implements ClientSupplier {
        private final ClientSupplier real = ClientSupplier.tributary();
        private final AtomicBoolean killed = new AtomicBoolean();
        private final AtomicLong sends = new AtomicLong();
        private volatile long killAtSend = Long.MAX_VALUE;

        /** Kills the instance once its producer has been asked to send {@code more} records from now on. */
        void killAfterSends(int more) {
            killAtSend = sends.get() + more;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
            Consumer<byte[], byte[]> consumer = real.consumer(config);
            return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (killed.get() && (name.equals("poll") || name.startsWith("commit"))) {
                        throw new IllegalStateException("killed by the test");
                    }
                    return invoke(consumer, method, args);
                });
        }

        @Override
        public Consumer<byte[], byte[]> restoreConsumer(Map<String, Object> config) {
            return real.restoreConsumer(config);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Producer<byte[], byte[]> producer(Map<String, Object> config) {
            Producer<byte[], byte[]> producer = real.producer(config);
            return (Producer<byte[], byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (killed.get() && method.getName().equals("close")) {
                        producer.close(Duration.ZERO); // unsent records are dropped, as in a crash
                        return null;
                    }
                    if (method.getName().equals("send") && sends.incrementAndGet() >= killAtSend) {
                        killed.set(true); // the records being processed now are never committed
                    }
                    return invoke(producer, method, args);
                });
        }

        @Override
        public Admin admin(Map<String, Object> config) {
            return real.admin(config);
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
            throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
