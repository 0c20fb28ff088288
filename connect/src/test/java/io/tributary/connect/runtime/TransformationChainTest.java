package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.transforms.Transformation;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformationChainTest {
    /** Drops records whose value is "drop". */
    public static final class DropMarked implements Transformation<SourceRecord> {
        @Override
        public void configure(Map<String, String> settings) {
        }

        @Override
        public SourceRecord apply(SourceRecord r) {
            return "drop".equals(r.value()) ? null : r;
        }
    }

    private static SourceRecord record(String topic, Object value) {
        return new SourceRecord(Map.of(), Map.of(), topic, null, value);
    }

    @Test
    void appliesInListedOrderWithKafkasOursAndSimpleNames() {
        Map<String, String> props = new HashMap<>(Map.of(
            "transforms", "a, b",
            "transforms.a.type", "org.apache.kafka.connect.transforms.RegexRouter",
            "transforms.a.regex", "x", "transforms.a.replacement", "y",
            "transforms.b.type", "RegexRouter",
            "transforms.b.regex", "y", "transforms.b.replacement", "z"));
        try (TransformationChain<SourceRecord> chain = TransformationChain.fromConfig(props)) {
            assertThat(chain.apply(record("x", "v")).topic()).isEqualTo("z");
        }
        props.put("transforms", "b,a");
        try (TransformationChain<SourceRecord> chain = TransformationChain.fromConfig(props)) {
            assertThat(chain.apply(record("x", "v")).topic()).isEqualTo("y");
        }
    }

    @Test
    void aNullStopsTheChain() {
        Map<String, String> props = Map.of("transforms", "d,r",
            "transforms.d.type", DropMarked.class.getName(),
            "transforms.r.type", "RegexRouter", "transforms.r.regex", ".*", "transforms.r.replacement", "r");
        try (TransformationChain<SourceRecord> chain = TransformationChain.fromConfig(props)) {
            assertThat(chain.apply(record("t", "drop"))).isNull();
            assertThat(chain.apply(record("t", "keep")).topic()).isEqualTo("r");
        }
    }

    @Test
    void errorsNameTheAliasAndSetting() {
        assertThatThrownBy(() -> TransformationChain.fromConfig(Map.of("transforms", "a")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("transforms.a.type");
        assertThatThrownBy(() -> TransformationChain.fromConfig(Map.of("transforms", "a",
            "transforms.a.type", "org.apache.kafka.connect.transforms.Flatten$Value")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("Flatten$Value");
        assertThatThrownBy(() -> TransformationChain.fromConfig(Map.of("transforms", "a",
            "transforms.a.type", "RegexRouter", "transforms.a.regex", "x")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("transform a (RegexRouter)")
            .hasMessageContaining("replacement");
        assertThatThrownBy(() -> TransformationChain.fromConfig(Map.of("transforms", "a,a")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("a twice");
    }
}
