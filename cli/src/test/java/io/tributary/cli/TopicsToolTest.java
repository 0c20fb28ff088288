package io.tributary.cli;

import static io.tributary.cli.ToolRunner.run;
import static io.tributary.cli.ToolRunner.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.ToolRunner.Result;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code topics}, through the real dispatcher, against an in-process broker-lite without topic auto-creation. */
@EmbeddedBroker(properties = {"num.partitions=2", "auto.create.topics.enable=false"})
class TopicsToolTest {
    @BootstrapServers
    String bootstrap;

    private Result topics(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "topics";
        all[1] = "--bootstrap-server";
        all[2] = bootstrap;
        System.arraycopy(args, 0, all, 3, args.length);
        return run(all);
    }

    @Test
    void kafkasSeedSequenceCreatesTheTopicThenProducesAndConsumes() {
        Result created = run("topics", "--create", "--topic", "foods", "--bootstrap-server", bootstrap,
            "--replication-factor", "1", "--partitions", "4");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("Created topic foods.\n");

        Result described = topics("--describe", "--topic", "foods");
        assertThat(described.outLines()).hasSize(5);
        assertThat(described.outLines().get(0))
            .matches("Topic: foods\tTopicId: [A-Za-z0-9_-]{22}\tPartitionCount: 4\tReplicationFactor: 1\tConfigs: ");
        assertThat(described.outLines().subList(1, 5)).containsExactly(
            "\tTopic: foods\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1",
            "\tTopic: foods\tPartition: 1\tLeader: 1\tReplicas: 1\tIsr: 1",
            "\tTopic: foods\tPartition: 2\tLeader: 1\tReplicas: 1\tIsr: 1",
            "\tTopic: foods\tPartition: 3\tLeader: 1\tReplicas: 1\tIsr: 1");

        Result produced = runWithInput("fruit-apple\nvegetable-carrot\nfruit-banana\n", "console-producer",
            "--broker-list", bootstrap, "--topic", "foods", "--property", "key.separator=-", "--property",
            "parse.key=true");
        assertThat(produced.exitCode()).as(produced.err()).isZero();
        Result consumed = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "foods",
            "--from-beginning", "--property", "key.separator=-", "--property", "print.key=false",
            "--max-messages", "3");
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        // four partitions: order holds per key only
        assertThat(consumed.outLines()).containsExactlyInAnyOrder("apple", "carrot", "banana");
        assertThat(consumed.outLines().indexOf("apple")).isLessThan(consumed.outLines().indexOf("banana"));
    }

    @Test
    void createsWithSettingsListsAltersAndDeletes() {
        Result created = topics("--create", "--topic", "audit", "--config", "retention.ms=3600000",
            "--config", "cleanup.policy=compact");
        assertThat(created.exitCode()).as(created.err()).isZero();
        Result described = topics("--describe", "--topic", "audit");
        assertThat(described.outLines().get(0)).contains("\tPartitionCount: 2\t") // the broker's num.partitions
            .endsWith("\tConfigs: retention.ms=3600000,cleanup.policy=compact");

        assertThat(topics("--list").outLines()).contains("audit");
        assertThat(topics("--list", "--exclude-internal").outLines()).doesNotContain("__consumer_offsets");

        Result altered = topics("--alter", "--topic", "audit", "--partitions", "5");
        assertThat(altered.exitCode()).as(altered.err()).isZero();
        assertThat(altered.out()).isEmpty();
        assertThat(topics("--describe", "--topic", "audit").outLines()).hasSize(6)
            .last().asString().startsWith("\tTopic: audit\tPartition: 4\t");

        Result shrink = topics("--alter", "--topic", "audit", "--partitions", "3");
        assertThat(shrink.exitCode()).isEqualTo(1);
        assertThat(shrink.err()).isEqualTo("topics: Topic 'audit' has 5 partitions; --alter --partitions can only "
            + "increase the count (3 is not more).\n");

        Result deleted = topics("--delete", "--topic", "audit");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(topics("--list").outLines()).doesNotContain("audit");
    }

    @Test
    void anExistingTopicIsAnErrorUnlessIfNotExists() {
        assertThat(topics("--create", "--topic", "twice").exitCode()).isZero();
        Result again = topics("--create", "--topic", "twice", "--partitions", "3");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("topics: Topic 'twice' already exists.\n");
        assertThat(again.out()).isEmpty();

        Result quiet = topics("--create", "--topic", "twice", "--if-not-exists");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void anInvalidNameSaysWhatIsAllowed() {
        for (String name : List.of("has space", "..", "x".repeat(250), "bad/slash")) {
            Result r = topics("--create", "--topic", name);
            assertThat(r.exitCode()).as(name).isEqualTo(1);
            assertThat(r.err()).as(name).startsWith("topics: Invalid topic name '" + name + "': a topic name is 1 to "
                + "249 of the characters a-z, A-Z, 0-9, '.', '_' and '-'");
        }
    }

    @Test
    void aReplicationFactorAboveOneExplainsTheSingleNodeBroker() {
        Result r = topics("--create", "--topic", "replicated", "--replication-factor", "3");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("topics: Replication factor 3 is larger than the number of brokers (1): this is"
            + " a single-node broker, which keeps one copy of each partition; use --replication-factor 1.\n");
        assertThat(topics("--list").outLines()).doesNotContain("replicated");
    }

    @Test
    void anUnknownTopicIsNamedUnlessIfExists() {
        for (String[] command : List.of(new String[] {"--describe", "--topic", "ghost"},
                new String[] {"--delete", "--topic", "ghost"},
                new String[] {"--alter", "--topic", "ghost", "--partitions", "4"})) {
            Result r = topics(command);
            assertThat(r.exitCode()).as(command[0]).isEqualTo(1);
            assertThat(r.err()).as(command[0])
                .isEqualTo("topics: Topic 'ghost' does not exist (topics --list shows the topics there are).\n");

            String[] quiet = List.of(command).toArray(new String[command.length + 1]);
            quiet[command.length] = "--if-exists";
            Result q = topics(quiet);
            assertThat(q.exitCode()).as(command[0]).isZero();
            assertThat(q.out() + q.err()).as(command[0]).isEmpty();
        }
    }

    @Test
    void wrongCommandLinesExit2WithTheUsage() {
        Result none = topics("--topic", "x");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("topics: one of --create, --list, --describe, --alter, --delete is needed")
            .contains("Usage: topics");
        Result two = topics("--create", "--delete", "--topic", "x");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).startsWith("topics: only one of --create, --delete may be given");
        Result noTopic = topics("--create");
        assertThat(noTopic.exitCode()).isEqualTo(2);
        assertThat(noTopic.err()).startsWith("topics: --create needs --topic");
        Result alterConfig = topics("--alter", "--topic", "x", "--config", "retention.ms=1");
        assertThat(alterConfig.exitCode()).isEqualTo(2);
        assertThat(alterConfig.err()).startsWith("topics: --config goes with --create (configs --alter changes");
        Result badCount = topics("--create", "--topic", "x", "--partitions", "0");
        assertThat(badCount.exitCode()).isEqualTo(2);
        assertThat(badCount.err()).startsWith("topics: --partitions 0 must be at least 1");
    }
}
