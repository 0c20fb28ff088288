package io.tributary.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigDef.Range;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.common.config.ConfigDef.ValidString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefTest {
    private static final ConfigDef DEF = new ConfigDef()
        .define("segment.bytes", Type.INT, 1 << 30, Range.atLeast(14), "segment size")
        .define("retention.ms", Type.LONG, 604800000L, Range.atLeast(-1), "retention")
        .define("cleanup.policy", Type.LIST, "delete", ValidString.in("delete", "compact"), "policy")
        .define("auto.create", Type.BOOLEAN, true, "auto create")
        .define("ratio", Type.DOUBLE, 0.5, Range.between(0, 1), "ratio")
        .define("log.dirs", Type.STRING, ConfigDef.NO_DEFAULT, "where");

    @Test
    void stringsParseToTypedValuesAndDefaultsFillTheRest() {
        ParsedConfig c = DEF.parse(Map.of("segment.bytes", " 1024 ", "cleanup.policy", "compact, delete",
            "log.dirs", "/tmp/x", "auto.create", "FALSE", "other.key", "v"));
        assertThat(c.getInt("segment.bytes")).isEqualTo(1024);
        assertThat(c.getLong("retention.ms")).isEqualTo(604800000L);
        assertThat(c.getList("cleanup.policy")).containsExactly("compact", "delete");
        assertThat(c.getBoolean("auto.create")).isFalse();
        assertThat(c.getDouble("ratio")).isEqualTo(0.5);
        assertThat(c.getString("log.dirs")).isEqualTo("/tmp/x");
        assertThat(c.unknown()).containsOnlyKeys("other.key");
    }

    @Test
    void typedValuesAreAcceptedToo() {
        ParsedConfig c = DEF.parse(Map.of("segment.bytes", 4096L, "cleanup.policy", List.of("delete"), "log.dirs", "d",
            "ratio", 1));
        assertThat(c.getInt("segment.bytes")).isEqualTo(4096);
        assertThat(c.getDouble("ratio")).isEqualTo(1.0);
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatWasExpected() {
        assertThatThrownBy(() -> DEF.parse(Map.of("segment.bytes", "lots", "log.dirs", "d")))
            .isInstanceOf(ConfigException.class).hasMessage("segment.bytes : lots (expected: a value of type int)");
        assertThatThrownBy(() -> DEF.parse(Map.of("segment.bytes", "3", "log.dirs", "d")))
            .hasMessage("segment.bytes : 3 (expected: at least 14)");
        assertThatThrownBy(() -> DEF.parse(Map.of("cleanup.policy", "shred", "log.dirs", "d")))
            .hasMessageContaining("cleanup.policy").hasMessageContaining("[delete, compact]");
        assertThatThrownBy(() -> DEF.parse(Map.of("auto.create", "yes", "log.dirs", "d")))
            .hasMessageContaining("auto.create : yes");
        assertThatThrownBy(() -> DEF.parse(Map.of())).hasMessageContaining("log.dirs");
        assertThatThrownBy(() -> DEF.parse(Map.of("segment.bytes", "99999999999", "log.dirs", "d")))
            .hasMessageContaining("segment.bytes");
    }
}
