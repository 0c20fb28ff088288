package io.tributary.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs each sample's {@code main} as a user would: without arguments (the sample starts and stops its own
 * broker-lite) and with {@code --bootstrap-server} pointing at a broker this test class owns.
 */
@EmbeddedBroker
class SamplesTest {
    private static final Pattern SENT = Pattern.compile("(customer-\\d) order-\\d -> partition (\\d), offset \\d+");
    private static final Pattern WORD_COUNT = Pattern.compile(" {2}(\\w+): (\\d+)");
    private static final Pattern COMMITTED = Pattern.compile(" {2}sample-payments-\\d -> (\\d+)");

    @BootstrapServers
    String bootstrap;

    /** Runs {@code main} with System.out captured; returns its lines. */
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private static List<String> output(Main main, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text); // still visible in the test report
        return text.lines().toList();
    }

    @Test
    void keyedProducerSendsEachKeyToOnePartition() throws Exception {
        List<String> lines = output(KeyedProducerSample::main);
        assertThat(lines.get(0)).startsWith("Started an in-process broker-lite on 127.0.0.1:");
        assertThat(lines).contains("Created topic sample-orders with 3 partitions");
        Map<String, List<String>> partitionsByKey = lines.stream().map(SENT::matcher).filter(Matcher::matches)
            .collect(Collectors.groupingBy(m -> m.group(1), Collectors.mapping(m -> m.group(2), Collectors.toList())));
        assertThat(partitionsByKey).containsOnlyKeys("customer-1", "customer-2", "customer-3");
        partitionsByKey.forEach((key, partitions) -> {
            assertThat(partitions).as(key).hasSize(3).containsOnly(partitions.get(0));
            assertThat(lines).contains(key + ": 3 records, partitions [" + partitions.get(0) + "]");
        });
    }

    @Test
    void groupConsumerCommitsAndASecondRunResumesAfterTheCommits() throws Exception {
        List<String> first = output(GroupConsumerSample::main, "--bootstrap-server", bootstrap);
        assertThat(first).noneMatch(l -> l.startsWith("Started an in-process")); // it used our broker
        assertThat(first).contains("wrote 6 payments to sample-payments", "caught up after 6 records; the group's "
            + "committed offsets:");
        assertThat(first).filteredOn(l -> l.startsWith("processed ")).hasSize(6);
        assertThat(first).anyMatch(l -> l.startsWith("committed "));
        assertThat(committedTotal(first)).isEqualTo(6);

        // the group's commits survive the consumer: the next run reads only the 6 new payments
        List<String> second = output(GroupConsumerSample::main, "--bootstrap-server=" + bootstrap);
        assertThat(second).contains("caught up after 6 records; the group's committed offsets:");
        assertThat(second).filteredOn(l -> l.startsWith("processed "))
            .allMatch(l -> l.matches("processed account-\\d=payment-\\d \\(partition \\d, offset [3-5]\\)"));
        assertThat(committedTotal(second)).isEqualTo(12);
    }

    private static int committedTotal(List<String> lines) {
        return lines.stream().map(COMMITTED::matcher).filter(Matcher::matches)
            .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
    }

    @Test
    void adminWalkThroughCreatesDescribesAltersListsAndDeletes() throws Exception {
        List<String> lines = output(AdminSample::main);
        assertThat(lines.get(0)).startsWith("Started an in-process broker-lite");
        assertThat(lines).anyMatch(l -> l.matches("1\\. the cluster has 1 broker\\(s\\): \\[node 1 \\(127.0.0.1:\\d+\\)]"));
        assertThat(lines).contains("2. created topic sample-inventory", "     partition 2: leader 1, replicas [1]",
            "4. settings the topic overrides now:", "     retention.ms=3600000", "     cleanup.policy=delete",
            "5. consumer groups: [sample-inventory-readers]; sample-inventory-readers has committed:",
            "     sample-inventory-0 -> 0",
            "6. deleted group sample-inventory-readers and topic sample-inventory; topics left: []");
        assertThat(lines).anyMatch(l -> l.matches("3\\. sample-inventory \\(id \\S+\\) has 3 partitions:"));

        // against a cluster it did not start, twice: it cleans up after itself
        for (int run = 0; run < 2; run++) {
            assertThat(output(AdminSample::main, "--bootstrap-server", bootstrap))
                .contains("2. created topic sample-inventory")
                .anyMatch(l -> l.startsWith("6. deleted group sample-inventory-readers and topic sample-inventory"));
        }
    }

    @Test
    void fileToTopicTurnsLinesIntoRecordsAndFollowsTheFile() throws Exception {
        for (List<String> lines : List.of(output(FileToTopicSample::main),
                output(FileToTopicSample::main, "--bootstrap-server", bootstrap))) {
            assertThat(lines).anyMatch(l -> l.matches("connector local-file-source is running; its status is at "
                + "http://127.0.0.1:\\d+/connectors/local-file-source/status"));
            assertThat(lines).filteredOn(l -> l.startsWith("record at offset ")).containsExactly(
                "record at offset 0: GET /index.html 200", "record at offset 1: GET /missing 404",
                "record at offset 2: POST /login 302", "record at offset 3: GET /about.html 200",
                "record at offset 4: GET /favicon.ico 404");
            assertThat(lines).contains("appended 2 lines to app.log", "stored offset: byte 94 of 94 (a restart "
                + "resumes there)");
        }
    }

    @Test
    void wordCountCountsEveryWordAndASecondRunContinuesFromTheChangelog() throws Exception {
        List<String> first = output(WordCountSample::main, "--bootstrap-server", bootstrap);
        assertThat(first).contains("wrote 3 lines to sample-lines", "word counts (10 words):");
        assertThat(first).anyMatch(l -> l.startsWith("the application has processed every line"));
        assertThat(wordCounts(first)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.ofEntries(
            Map.entry("a", 2L), Map.entry("brown", 1L), Map.entry("dog", 3L), Map.entry("fox", 2L),
            Map.entry("jumps", 1L), Map.entry("lazy", 2L), Map.entry("over", 1L), Map.entry("quick", 2L),
            Map.entry("sleeps", 1L), Map.entry("the", 3L))));
        // the describe() output names the repartition and the store
        assertThat(String.join("\n", first)).contains("word-counts");

        // the same lines again: the store is restored from its changelog, so every count doubles
        Map<String, Long> second = wordCounts(output(WordCountSample::main, "--bootstrap-server", bootstrap));
        assertThat(second).hasSize(10).allSatisfy((word, count) -> assertThat(count).as(word)
            .isEqualTo(2 * wordCounts(first).get(word)));
    }

    private static Map<String, Long> wordCounts(List<String> lines) {
        return lines.stream().map(WORD_COUNT::matcher).filter(Matcher::matches)
            .collect(Collectors.toMap(m -> m.group(1), m -> Long.parseLong(m.group(2)), (a, b) -> b,
                java.util.TreeMap::new));
    }

    @Test
    void windowedCountCountsALateViewWithinTheGraceAndDropsOneAfterIt() throws Exception {
        List<String> lines = output(WindowedCountSample::main);
        assertThat(lines.get(0)).startsWith("Started an in-process broker-lite");
        assertThat(lines).filteredOn(l -> l.startsWith("sent a view by ")).hasSize(9);
        assertThat(lines.subList(lines.indexOf("views per user per minute (5 windows):"), lines.size()))
            .containsExactly("views per user per minute (5 windows):",
                "  alice 12:00-12:01  3",
                "  alice 12:01-12:02  1",
                "  alice 12:02-12:03  1",
                "  bob   12:00-12:01  2",
                "  bob   12:01-12:02  1");
    }

    @Test
    void tableToTopicReadsTheRowsAndThenTheUpdatedRow() throws Exception {
        String row = "record at offset %d: \\{\"ID\":%d,\"ITEM\":\"%s\",\"QTY\":%d,\"UPDATED_AT\":\\d+}";
        for (List<String> lines : List.of(output(TableToTopicSample::main),
                output(TableToTopicSample::main, "--bootstrap-server", bootstrap))) {
            assertThat(lines).contains("created table orders with 3 rows", "updated order 2: qty 5");
            assertThat(lines).anyMatch(l -> l.matches("connector jdbc-source is running; its status is at "
                + "http://127.0.0.1:\\d+/connectors/jdbc-source/status"));
            List<String> records = lines.stream().filter(l -> l.startsWith("record at offset ")).toList();
            assertThat(records).hasSize(4);
            assertThat(records.get(0)).matches(String.format(row, 0, 1, "tea", 2));
            assertThat(records.get(1)).matches(String.format(row, 1, 2, "milk", 1));
            assertThat(records.get(2)).matches(String.format(row, 2, 3, "bread", 1));
            assertThat(records.get(3)).matches(String.format(row, 3, 2, "milk", 5)); // the new version of row 2
            assertThat(lines).anyMatch(l -> l.matches("stored offset: id 2, updated_at \\S+Z "
                + "\\(a restart resumes after that row\\)"));
        }
    }

    @Test
    void topicToTableUpsertsTheRecordsByIdIntoATableItCreates() throws Exception {
        for (List<String> lines : List.of(output(TopicToTableSample::main),
                output(TopicToTableSample::main, "--bootstrap-server", bootstrap))) {
            assertThat(lines).anyMatch(l -> l.matches("connector jdbc-sink is running; its status is at "
                + "http://127.0.0.1:\\d+/connectors/jdbc-sink/status"));
            assertThat(lines).filteredOn(l -> l.startsWith("sent key ")).containsExactly(
                "sent key 1: {\"id\":1,\"item\":\"tea\",\"qty\":2} (partition 0, offset 0)",
                "sent key 2: {\"id\":2,\"item\":\"milk\",\"qty\":1} (partition 0, offset 1)",
                "sent key 3: {\"id\":3,\"item\":\"bread\",\"qty\":1} (partition 0, offset 2)",
                "sent key 2: {\"id\":2,\"item\":\"milk\",\"qty\":5} (partition 0, offset 3)");
            int first = lines.indexOf("table orders, 3 rows:");
            assertThat(first).isPositive();
            assertThat(lines.subList(first + 1, first + 5)).containsExactly(
                "  id | item | qty", "  1 | tea | 2", "  2 | milk | 1", "  3 | bread | 1");
            int second = lines.lastIndexOf("table orders, 3 rows:");
            assertThat(second).isGreaterThan(first);
            assertThat(lines.subList(second + 1, lines.size())).containsExactly(
                "  id | item | qty", "  1 | tea | 2", "  2 | milk | 5", "  3 | bread | 1");
        }
    }

    @Test
    void anUnknownArgumentIsRefused() {
        assertThatThrownBy(() -> KeyedProducerSample.main(new String[] {"--broker-list", "x:1"}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("argument : --broker-list (expected: nothing, or --bootstrap-server host:port)");
    }
}
