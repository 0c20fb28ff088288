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
    void anUnknownArgumentIsRefused() {
        assertThatThrownBy(() -> KeyedProducerSample.main(new String[] {"--broker-list", "x:1"}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("argument : --broker-list (expected: nothing, or --bootstrap-server host:port)");
    }
}
