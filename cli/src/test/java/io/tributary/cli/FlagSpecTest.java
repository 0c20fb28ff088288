package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagSpecTest {
    private final FlagSpec spec = new FlagSpec()
        .value("--bootstrap-server", "host:port", "brokers")
        .value("--broker-list", "host:port", "older name")
        .required("--topic", "topic", "topic")
        .flag("--from-beginning", "from the start")
        .optionalValue("--compression-codec", "codec", "gzip", "codec")
        .repeated("--property", "k=v", "settings")
        .list("--producer-props", "k=v", "settings")
        .value("--throughput", "n", "rate")
        .requireOneOf("--bootstrap-server", "--broker-list");

    private ParsedFlags parse(String... args) {
        return spec.parse(List.of(args));
    }

    @Test
    void readsEveryKindOfFlag() {
        ParsedFlags f = parse("--broker-list", "h:1", "--topic=foods", "--from-beginning", "--property",
            "key.separator=-", "--property", "parse.key=true", "--producer-props", "a=1", "b=2=3",
            "--throughput", "-1");
        assertThat(f.get("--broker-list")).isEqualTo("h:1");
        assertThat(f.get("--topic")).isEqualTo("foods");
        assertThat(f.has("--from-beginning")).isTrue();
        assertThat(f.has("--bootstrap-server")).isFalse();
        assertThat(f.keyValues("--property")).containsExactly(Map.entry("key.separator", "-"),
            Map.entry("parse.key", "true"));
        assertThat(f.keyValues("--producer-props")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2=3"));
        assertThat(f.getDouble("--throughput", 0)).isEqualTo(-1.0); // a negative number is a value, not a flag
    }

    @Test
    void anOptionalValueMayBeLeftOut() {
        assertThat(parse("--broker-list", "h:1", "--topic", "t", "--compression-codec").get("--compression-codec"))
            .isEqualTo("gzip");
        assertThat(parse("--compression-codec", "--broker-list", "h:1", "--topic", "t").get("--compression-codec"))
            .isEqualTo("gzip");
        assertThat(parse("--compression-codec", "zstd", "--broker-list", "h:1", "--topic", "t")
            .get("--compression-codec")).isEqualTo("zstd");
    }

    @Test
    void wrongCommandLinesAreUsageErrors() {
        assertThatThrownBy(() -> parse("--topic", "t", "--bootstrap-server", "h:1", "--nope"))
            .isInstanceOf(UsageException.class).hasMessage("unknown flag --nope");
        assertThatThrownBy(() -> parse("--bootstrap-server", "h:1"))
            .isInstanceOf(UsageException.class).hasMessage("missing required flag --topic");
        assertThatThrownBy(() -> parse("--topic", "t"))
            .isInstanceOf(UsageException.class)
            .hasMessage("missing required flag --bootstrap-server (or --broker-list)");
        assertThatThrownBy(() -> parse("--topic", "t", "--bootstrap-server", "h:1", "--topic", "u"))
            .isInstanceOf(UsageException.class).hasMessage("--topic is given more than once");
        assertThatThrownBy(() -> parse("--bootstrap-server", "h:1", "--topic"))
            .isInstanceOf(UsageException.class).hasMessage("--topic needs a value (topic)");
        assertThatThrownBy(() -> parse("--topic", "t", "--bootstrap-server", "h:1", "--producer-props"))
            .isInstanceOf(UsageException.class).hasMessageContaining("needs at least one value");
        assertThatThrownBy(() -> parse("--topic", "t", "--bootstrap-server", "h:1", "stray"))
            .isInstanceOf(UsageException.class).hasMessage("unexpected argument 'stray'");
        assertThatThrownBy(() -> parse("--topic", "t", "--bootstrap-server", "h:1", "--from-beginning=yes"))
            .isInstanceOf(UsageException.class).hasMessage("--from-beginning takes no value");
        assertThatThrownBy(() -> parse("--topic", "t", "--bootstrap-server", "h:1", "--property", "novalue")
            .keyValues("--property")).isInstanceOf(UsageException.class).hasMessage("--property novalue is not key=value");
        assertThatThrownBy(() -> parse("--topic", "t", "--bootstrap-server", "h:1", "--throughput", "fast")
            .getDouble("--throughput", 0)).isInstanceOf(UsageException.class).hasMessage("--throughput fast is not a number");
    }

    @Test
    void helpWinsOverEverythingElse() {
        assertThat(parse("--nope", "--help").helpRequested()).isTrue();
    }

    @Test
    void helpAloneNeedsNoRequiredFlags() {
        assertThat(parse("--help").helpRequested()).isTrue();
    }

    @Test
    void usageListsEveryFlagOnce() {
        String usage = spec.usage("console-producer");
        assertThat(usage).startsWith("Usage: console-producer").contains("--topic <topic>", "(required)",
            "--compression-codec [codec]", "--producer-props <k=v>...", "--help");
    }
}
