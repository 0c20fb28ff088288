package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own kafka-consumer-groups tool (kafka-tools 4.4, {@link ConsumerGroupCommand}) against broker-lite:
 * --list, --describe (offsets, log-end offsets, lag), --reset-offsets --to-earliest --execute and --delete.
 */
class ConsumerGroupsToolTest {
    private static final String TOPIC = "tool-topic";
    private static final String GROUP = "tool-group";
    /** records per partition; the group consumes and commits the first CONSUMED of each. */
    private static final int PER_PARTITION = 10;
    private static final int CONSUMED = 4;

    @TempDir
    Path dir;
    private BrokerLite broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = TestBrokers.startForGroups(dir, 3);
        admin = TestBrokers.admin(broker);
        admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        // the tool's usage errors call Exit.exit: fail the test instead of ending the JVM
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("the tool tried to exit with " + status + ": " + message);
        });
    }

    @AfterEach
    void stop() {
        Exit.resetExitProcedure();
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** What one run of the tool printed. */
    private record ToolRun(String out, String err) {
        /** the whitespace-separated columns of the lines that start with {@code first}. */
        List<String[]> rowsStartingWith(String first) {
            return out.lines().map(String::trim).map(l -> l.split("\\s+"))
                .filter(cols -> cols.length > 0 && cols[0].equals(first)).collect(Collectors.toList());
        }
    }

    /** Runs the tool's main in-process, capturing what it prints; System.out and System.err are restored. */
    private ToolRun tool(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            ConsumerGroupCommand.main(all);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        ToolRun run = new ToolRun(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        oldOut.println("kafka-consumer-groups " + String.join(" ", args) + "\n" + run.out() + run.err());
        return run;
    }

    private void produce() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
            new StringSerializer())) {
            for (int partition = 0; partition < 3; partition++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, partition, "k" + i, "v" + partition + "-" + i));
                }
            }
            producer.flush();
        }
    }

    /** A group member consumes everything, then commits CONSUMED (+ partition, so each lag differs) per partition. */
    private void consumeAndCommitPart() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tool-consumer");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
            new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            int[] seen = {0};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                seen[0] += consumer.poll(Duration.ofMillis(100)).count();
                return seen[0] >= 3 * PER_PARTITION;
            });
            Map<TopicPartition, OffsetAndMetadata> commit = new TreeMap<>((a, b) -> a.partition() - b.partition());
            for (int partition = 0; partition < 3; partition++) {
                commit.put(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(CONSUMED + partition));
            }
            consumer.commitSync(commit);
        }
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Test
    void listDescribeResetAndDeleteWithTheConsumerGroupsTool() throws Exception {
        produce();
        consumeAndCommitPart();
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.describeConsumerGroups(List.of(GROUP)).all()
            .get().get(GROUP).groupState() == GroupState.EMPTY);

        // --list
        ToolRun list = tool("--list");
        assertThat(list.out().lines().map(String::trim)).contains(GROUP);
        assertThat(list.err()).doesNotContain("Error");

        // --describe: GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID
        ToolRun describe = tool("--describe", "--group", GROUP);
        assertThat(describe.err()).doesNotContain("Error");
        assertThat(describe.out()).contains("CURRENT-OFFSET", "LOG-END-OFFSET", "LAG");
        List<String[]> rows = describe.rowsStartingWith(GROUP);
        assertThat(rows).hasSize(3);
        for (String[] row : rows) {
            assertThat(row[1]).isEqualTo(TOPIC);
            int partition = Integer.parseInt(row[2]);
            long current = CONSUMED + partition;
            assertThat(Arrays.copyOfRange(row, 3, 6)).as("offsets of partition %d", partition)
                .containsExactly(String.valueOf(current), String.valueOf(PER_PARTITION),
                    String.valueOf(PER_PARTITION - current));
        }
        assertThat(rows).extracting(r -> r[2]).containsExactlyInAnyOrder("0", "1", "2");

        // --describe --state: the group is known and empty
        ToolRun state = tool("--describe", "--group", GROUP, "--state");
        assertThat(state.err()).doesNotContain("Error");
        assertThat(state.rowsStartingWith(GROUP)).singleElement()
            .satisfies(cols -> assertThat(cols).contains("Empty"));

        // --reset-offsets --to-earliest --execute
        ToolRun reset = tool("--reset-offsets", "--group", GROUP, "--topic", TOPIC, "--to-earliest", "--execute");
        assertThat(reset.err()).doesNotContain("Error");
        assertThat(reset.rowsStartingWith(GROUP)).hasSize(3).allSatisfy(cols -> {
            assertThat(cols[1]).isEqualTo(TOPIC);
            assertThat(cols[cols.length - 1]).isEqualTo("0");
        });
        assertThat(committed()).isEqualTo(Map.of(new TopicPartition(TOPIC, 0), 0L,
            new TopicPartition(TOPIC, 1), 0L, new TopicPartition(TOPIC, 2), 0L));
        ToolRun afterReset = tool("--describe", "--group", GROUP);
        assertThat(afterReset.rowsStartingWith(GROUP)).hasSize(3).allSatisfy(cols ->
            assertThat(Arrays.copyOfRange(cols, 3, 6)).containsExactly("0", String.valueOf(PER_PARTITION),
                String.valueOf(PER_PARTITION)));

        // --delete
        ToolRun delete = tool("--delete", "--group", GROUP);
        assertThat(delete.err()).doesNotContain("Error");
        assertThat(delete.out()).contains("Deletion of requested consumer groups ('" + GROUP
            + "') was successful.");
        assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId).doesNotContain(GROUP);
        assertThat(consumerGroupIds()).doesNotContain(GROUP);
        assertThat(committed()).isEmpty();
        assertThat(tool("--list").out().lines().map(String::trim)).doesNotContain(GROUP);
    }

    @Test
    void anActiveGroupIsDescribedWithItsMemberAndCannotBeResetOrDeleted() throws Exception {
        produce();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "active-consumer");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
            new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.assignment().size() == 3;
            });
            consumer.commitSync(Map.of(new TopicPartition(TOPIC, 1), new OffsetAndMetadata(7)));
            String memberId = consumer.groupMetadata().memberId();

            // the heartbeat thread keeps the member in the group while the tool runs
            ToolRun members = tool("--describe", "--group", GROUP, "--members");
            assertThat(members.err()).doesNotContain("Error");
            // GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS
            assertThat(members.rowsStartingWith(GROUP)).singleElement().satisfies(cols -> {
                assertThat(cols[1]).isEqualTo(memberId);
                assertThat(cols[2]).isEqualTo("/127.0.0.1");
                assertThat(cols[3]).isEqualTo("active-consumer");
                assertThat(cols[4]).isEqualTo("3");
            });

            ToolRun describe = tool("--describe", "--group", GROUP);
            List<String[]> rows = describe.rowsStartingWith(GROUP);
            assertThat(rows).hasSize(3).allSatisfy(cols -> {
                assertThat(cols[6]).isEqualTo(memberId);
                assertThat(cols[8]).isEqualTo("active-consumer");
            });
            // partition 1 has a committed offset; the others have none yet ("-")
            assertThat(rows).filteredOn(cols -> cols[2].equals("1")).singleElement()
                .satisfies(cols -> assertThat(Arrays.copyOfRange(cols, 3, 6)).containsExactly("7", "10", "3"));
            assertThat(rows).filteredOn(cols -> !cols[2].equals("1"))
                .allSatisfy(cols -> assertThat(cols[3]).isEqualTo("-"));

            ToolRun state = tool("--describe", "--group", GROUP, "--state");
            assertThat(state.rowsStartingWith(GROUP)).singleElement()
                .satisfies(cols -> assertThat(cols).contains("range", "Stable", "1"));

            ToolRun reset = tool("--reset-offsets", "--group", GROUP, "--topic", TOPIC, "--to-earliest",
                "--execute");
            assertThat(reset.out() + reset.err()).contains("can only be reset if the group '" + GROUP
                + "' is inactive");
            assertThat(committed()).isEqualTo(Map.of(new TopicPartition(TOPIC, 1), 7L));

            ToolRun delete = tool("--delete", "--group", GROUP);
            assertThat(delete.out() + delete.err()).contains("GroupNotEmptyException");
            assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId).contains(GROUP);
        }
    }

    /** The older listing API, which kafka-consumer-groups users still call. */
    @SuppressWarnings("removal")
    private java.util.List<String> consumerGroupIds() throws Exception {
        return admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId).toList();
    }
}
