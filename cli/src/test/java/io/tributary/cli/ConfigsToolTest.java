package io.tributary.cli;

import static io.tributary.cli.ToolRunner.run;
import static io.tributary.cli.ToolRunner.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tributary.cli.ToolRunner.Result;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

/** {@code configs} against an in-process broker-lite: topic settings changed on a live topic, broker settings read. */
@EmbeddedBroker(properties = {"num.partitions=1", "auto.create.topics.enable=false"})
class ConfigsToolTest {
    @BootstrapServers
    String bootstrap;

    private Result configs(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "configs";
        all[1] = "--bootstrap-server";
        all[2] = bootstrap;
        System.arraycopy(args, 0, all, 3, args.length);
        return run(all);
    }

    private void createWithRecords(String topic) {
        assertThat(run("topics", "--bootstrap-server", bootstrap, "--create", "--topic", topic).exitCode()).isZero();
        Result produced = runWithInput("a-1\nb-2\n", "console-producer", "--bootstrap-server", bootstrap, "--topic",
            topic, "--property", "parse.key=true", "--property", "key.separator=-");
        assertThat(produced.exitCode()).as(produced.err()).isZero();
    }

    @Test
    void retentionAndCleanupPolicyChangeOnALiveTopicAndDescribeShowsThem() {
        createWithRecords("events");
        Result none = configs("--describe", "--entity-type", "topics", "--entity-name", "events");
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).isEqualTo("Dynamic configs for topic events are:\n");

        Result altered = configs("--alter", "--entity-type", "topics", "--entity-name", "events", "--add-config",
            "retention.ms=86400000,retention.bytes=1048576,cleanup.policy=[compact,delete]");
        assertThat(altered.exitCode()).as(altered.err()).isZero();
        assertThat(altered.out()).isEqualTo("Completed updating config for topic events.\n");

        Result described = configs("--describe", "--topic", "events");
        assertThat(described.outLines()).containsExactly(
            "Dynamic configs for topic events are:",
            "  retention.ms=86400000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=86400000}",
            "  retention.bytes=1048576 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.bytes=1048576}",
            "  cleanup.policy=compact,delete sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,"
                + "delete}");
        // topics --describe lists the same overrides
        assertThat(run("topics", "--bootstrap-server", bootstrap, "--describe", "--topic", "events").outLines().get(0))
            .endsWith("Configs: retention.ms=86400000,retention.bytes=1048576,cleanup.policy=compact,delete");

        Result deleted = configs("--alter", "--topic", "events", "--delete-config", "retention.bytes,cleanup.policy");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(configs("--describe", "--topic", "events").outLines()).containsExactly(
            "Dynamic configs for topic events are:",
            "  retention.ms=86400000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=86400000}");

        // the records are still there after the changes
        Result consumed = run("console-consumer", "--bootstrap-server", bootstrap, "--topic", "events",
            "--from-beginning", "--max-messages", "2");
        assertThat(consumed.outLines()).containsExactly("1", "2");
    }

    @Test
    void allShowsEveryEffectiveSettingWithItsSource() {
        createWithRecords("every");
        configs("--alter", "--topic", "every", "--add-config", "retention.ms=1000");
        Result all = configs("--describe", "--topic", "every", "--all");
        assertThat(all.outLines().get(0)).isEqualTo("All configs for topic every are:");
        assertThat(all.outLines()).contains(
            "  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=1000}");
        assertThat(all.outLines()).anyMatch(l -> l.startsWith("  cleanup.policy=delete sensitive=false "
            + "synonyms={DEFAULT_CONFIG:cleanup.policy=delete}"));
    }

    @Test
    void describesTheBrokersSettings() {
        Result dynamic = configs("--describe", "--entity-type", "brokers", "--entity-name", "1");
        assertThat(dynamic.exitCode()).as(dynamic.err()).isZero();
        assertThat(dynamic.out()).isEqualTo("Dynamic configs for broker 1 are:\n"); // broker-lite's are static

        Result all = configs("--describe", "--broker", "1", "--all");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.outLines().get(0)).isEqualTo("All configs for broker 1 are:");
        assertThat(all.outLines()).contains("  num.partitions=1 sensitive=false "
            + "synonyms={STATIC_BROKER_CONFIG:num.partitions=1}");

        Result alter = configs("--alter", "--broker", "1", "--add-config", "num.partitions=3");
        assertThat(alter.exitCode()).isEqualTo(1);
        assertThat(alter.err()).startsWith("configs: Cannot change the settings of broker 1: ")
            .contains("server.properties");
    }

    @Test
    void badSettingsAndUnknownTopicsAreNamed() {
        createWithRecords("strict");
        Result badValue = configs("--alter", "--topic", "strict", "--add-config", "retention.ms=soon");
        assertThat(badValue.exitCode()).isEqualTo(1);
        assertThat(badValue.err()).startsWith("configs: Invalid config for topic strict: ").contains("retention.ms");
        Result unknownKey = configs("--alter", "--topic", "strict", "--add-config", "no.such.setting=1");
        assertThat(unknownKey.exitCode()).isEqualTo(1);
        assertThat(unknownKey.err()).startsWith("configs: Invalid config for topic strict: ")
            .contains("no.such.setting");
        Result ghost = configs("--describe", "--topic", "ghost");
        assertThat(ghost.exitCode()).isEqualTo(1);
        assertThat(ghost.err()).isEqualTo("configs: Topic 'ghost' does not exist (topics --list shows the topics "
            + "there are).\n");
    }

    @Test
    void wrongCommandLinesExit2() {
        Result none = configs("--topic", "t");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("configs: one of --describe, --alter is needed").contains("Usage: configs");
        Result nothingToDo = configs("--alter", "--topic", "t");
        assertThat(nothingToDo.exitCode()).isEqualTo(2);
        assertThat(nothingToDo.err()).startsWith("configs: --alter needs --add-config or --delete-config");
        Result users = configs("--describe", "--entity-type", "users", "--entity-name", "u");
        assertThat(users.exitCode()).isEqualTo(2);
        assertThat(users.err()).startsWith("configs: --entity-type users is not supported (topics or brokers)");
        Result notKeyValue = configs("--alter", "--topic", "t", "--add-config", "retention.ms");
        assertThat(notKeyValue.exitCode()).isEqualTo(2);
        assertThat(notKeyValue.err()).startsWith("configs: --add-config retention.ms is not key=value");
    }

    @Test
    void addConfigSplitsAtCommasOutsideBrackets() {
        assertThat(Configs.parseAddConfig("a=1, b=[x,y],c=z=2"))
            .containsExactly(entry("a", "1"), entry("b", "x,y"), entry("c", "z=2"));
    }
}
