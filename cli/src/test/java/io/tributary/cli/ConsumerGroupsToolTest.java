package io.tributary.cli;

import static io.tributary.cli.ToolRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.cli.ToolRunner.Result;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code consumer-groups} against an in-process broker-lite: a group with committed offsets, first with a live
 * member, then without.
 */
@EmbeddedBroker(properties = {"num.partitions=1", "auto.create.topics.enable=false"})
class ConsumerGroupsToolTest {
    private static final String HEADER = "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  "
        + "LAG             CONSUMER-ID     HOST            CLIENT-ID";

    @BootstrapServers
    String bootstrap;

    private Result groups(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "consumer-groups";
        all[1] = "--bootstrap-server";
        all[2] = bootstrap;
        System.arraycopy(args, 0, all, 3, args.length);
        return run(all);
    }

    /** Creates {@code topic} with one partition per count, holding that many records. */
    private void topicWithRecords(String topic, int... counts) throws Exception {
        Result created = run("topics", "--bootstrap-server", bootstrap, "--create", "--topic", topic,
            "--partitions", Integer.toString(counts.length));
        assertThat(created.exitCode()).as(created.err()).isZero();
        try (TributaryProducer<String, String> producer = TributaryProducer.create(
                Map.of("bootstrap.servers", bootstrap), Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            for (int p = 0; p < counts.length; p++) {
                for (int i = 0; i < counts[p]; i++) {
                    producer.send(new ProducerRecord<>(topic, p, "k", "v" + i)).get();
                }
            }
        }
    }

    /** The words of the table rows for {@code topic} (the lines after the header). */
    private static List<List<String>> rows(Result r, String topic) {
        return r.outLines().stream().filter(l -> l.contains(" " + topic + " "))
            .map(l -> Arrays.asList(l.trim().split("\\s+"))).toList();
    }

    @Test
    void describeShowsLagAndMembersAndAnActiveGroupCannotBeResetOrDeleted() throws Exception {
        topicWithRecords("orders", 5, 3);
        TopicPartition p0 = new TopicPartition("orders", 0);
        TopicPartition p1 = new TopicPartition("orders", 1);
        try (TributaryConsumer<String, String> consumer = TributaryConsumer.create(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "billing", "client.id", "billing-client",
                "enable.auto.commit", "false", "auto.offset.reset", "earliest"),
                Serdes.STRING_DESERIALIZER, Serdes.STRING_DESERIALIZER)) {
            consumer.subscribe(List.of("orders"));
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.assignment().size() == 2;
            });
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(2), p1, new OffsetAndMetadata(3)));

            Result described = groups("--describe", "--group", "billing");
            assertThat(described.exitCode()).as(described.err()).isZero();
            assertThat(described.err()).isEmpty();
            assertThat(described.outLines().get(0)).isEmpty();
            assertThat(described.outLines().get(1)).matches("GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET "
                + "+LAG +CONSUMER-ID +HOST +CLIENT-ID");
            List<List<String>> rows = rows(described, "orders");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).subList(0, 6)).containsExactly("billing", "orders", "0", "2", "5", "3");
            assertThat(rows.get(1).subList(0, 6)).containsExactly("billing", "orders", "1", "3", "3", "0");
            for (List<String> row : rows) {
                assertThat(row.get(6)).isEqualTo(consumer.memberId());
                assertThat(row.get(7)).contains("127.0.0.1");
                assertThat(row.get(8)).isEqualTo("billing-client");
            }

            Result reset = groups("--reset-offsets", "--group", "billing", "--topic", "orders", "--to-earliest",
                "--execute");
            assertThat(reset.exitCode()).isEqualTo(1);
            assertThat(reset.err()).isEqualTo("consumer-groups: Assignments can only be reset if the group 'billing' "
                + "is inactive, but the current state is Stable. Stop the group's consumers first.\n");

            Result delete = groups("--delete", "--group", "billing");
            assertThat(delete.exitCode()).isEqualTo(1);
            assertThat(delete.err()).isEqualTo("consumer-groups: Consumer group 'billing' cannot be deleted: it has "
                + "active members (stop its consumers first).\n");
        }

        // the member has left: the same offsets, no owners
        Result idle = groups("--describe", "--group", "billing");
        assertThat(idle.exitCode()).as(idle.err()).isZero();
        assertThat(idle.err()).isEqualTo("\nConsumer group 'billing' has no active members.\n");
        assertThat(idle.outLines()).containsExactly("", HEADER,
            "billing         orders          0          2               5               3               -          "
                + "     -               -",
            "billing         orders          1          3               3               0               -          "
                + "     -               -");
        assertThat(groups("--list").outLines()).contains("billing");
    }

    @Test
    void resetOffsetsDryRunChangesNothingAndExecuteCommits() throws Exception {
        topicWithRecords("payments", 4, 6);
        Result seeded = groups("--reset-offsets", "--group", "audit", "--topic", "payments", "--to-offset", "3",
            "--execute"); // a group that does not exist yet may be given offsets
        assertThat(seeded.exitCode()).as(seeded.err()).isZero();
        assertThat(seeded.outLines()).containsExactly("",
            "GROUP                          TOPIC                          PARTITION  NEW-OFFSET     ",
            "audit                          payments                       0          3              ",
            "audit                          payments                       1          3              ");

        Result dryRun = groups("--reset-offsets", "--group", "audit", "--all-topics", "--to-earliest", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(rows(dryRun, "payments")).containsExactly(List.of("audit", "payments", "0", "0"),
            List.of("audit", "payments", "1", "0"));
        assertThat(rows(groups("--describe", "--group", "audit"), "payments"))
            .extracting(r -> r.get(3)).containsExactly("3", "3"); // unchanged

        Result noMode = groups("--reset-offsets", "--group", "audit", "--all-topics", "--to-earliest");
        assertThat(noMode.exitCode()).isZero();
        assertThat(noMode.err()).startsWith("WARN: nothing is committed without --execute");

        Result latest = groups("--reset-offsets", "--group", "audit", "--topic", "payments:1", "--to-latest",
            "--execute");
        assertThat(rows(latest, "payments")).containsExactly(List.of("audit", "payments", "1", "6"));
        Result shifted = groups("--reset-offsets", "--group", "audit", "--topic", "payments:0", "--shift-by", "-2",
            "--execute");
        assertThat(rows(shifted, "payments")).containsExactly(List.of("audit", "payments", "0", "1"));
        List<List<String>> described = rows(groups("--describe", "--group", "audit"), "payments");
        assertThat(described).extracting(r -> r.subList(2, 6))
            .containsExactly(List.of("0", "1", "4", "3"), List.of("1", "6", "6", "0"));

        Result clamped = groups("--reset-offsets", "--group", "audit", "--topic", "payments:0", "--to-offset", "99",
            "--execute");
        assertThat(clamped.err()).contains("New offset (99) is higher than latest offset for topic partition "
            + "payments-0. Value will be set to 4");
        assertThat(rows(clamped, "payments")).containsExactly(List.of("audit", "payments", "0", "4"));

        Result deleted = groups("--delete", "--group", "audit");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deletion of requested consumer groups ('audit') was successful.\n");
        Result gone = groups("--describe", "--group", "audit");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("consumer-groups: Consumer group 'audit' does not exist.\n");
    }

    @Test
    void unknownGroupsTopicsAndPartitionsAreNamed() throws Exception {
        topicWithRecords("small", 1);
        Result noGroup = groups("--delete", "--group", "nobody");
        assertThat(noGroup.exitCode()).isEqualTo(1);
        assertThat(noGroup.err()).isEqualTo("consumer-groups: Consumer group 'nobody' does not exist.\n");
        Result noTopic = groups("--reset-offsets", "--group", "g", "--topic", "ghost", "--to-earliest", "--dry-run");
        assertThat(noTopic.exitCode()).isEqualTo(1);
        assertThat(noTopic.err()).startsWith("consumer-groups: Topic 'ghost' does not exist");
        Result noPartition = groups("--reset-offsets", "--group", "g", "--topic", "small:3", "--to-earliest",
            "--dry-run");
        assertThat(noPartition.exitCode()).isEqualTo(1);
        assertThat(noPartition.err()).isEqualTo("consumer-groups: Partition 3 of topic 'small' does not exist (it "
            + "has 1).\n");
    }

    @Test
    void wrongCommandLinesExit2() {
        Result noGroup = groups("--describe");
        assertThat(noGroup.exitCode()).isEqualTo(2);
        assertThat(noGroup.err()).startsWith("consumer-groups: --describe needs --group")
            .contains("Usage: consumer-groups");
        Result noScope = groups("--reset-offsets", "--group", "g", "--to-earliest");
        assertThat(noScope.exitCode()).isEqualTo(2);
        assertThat(noScope.err()).startsWith("consumer-groups: --reset-offsets needs either --topic or --all-topics");
        Result noTarget = groups("--reset-offsets", "--group", "g", "--all-topics");
        assertThat(noTarget.exitCode()).isEqualTo(2);
        assertThat(noTarget.err()).startsWith("consumer-groups: --reset-offsets needs exactly one of --to-earliest");
        Result both = groups("--reset-offsets", "--group", "g", "--all-topics", "--to-latest", "--dry-run",
            "--execute");
        assertThat(both.exitCode()).isEqualTo(2);
        Result stray = groups("--describe", "--group", "g", "--to-latest");
        assertThat(stray.exitCode()).isEqualTo(2);
        assertThat(stray.err()).contains("go with --reset-offsets");
    }
}
