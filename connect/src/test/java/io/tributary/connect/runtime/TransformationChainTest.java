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
    void timestampConverterGoesByKafkasClassName() {
        Map<String, String> props = Map.of("transforms", "ts",
            "transforms.ts.type", "org.apache.kafka.connect.transforms.TimestampConverter$Value",
            "transforms.ts.target.type", "string", "transforms.ts.format", "yyyy-MM-dd");
        try (TransformationChain<SourceRecord> chain = TransformationChain.fromConfig(props)) {
            SourceRecord out = chain.apply(new SourceRecord(Map.of(), Map.of(), "t",
                io.tributary.connect.data.Schema.INT64_SCHEMA, 1_767_323_045_000L));
            assertThat(out.value()).isEqualTo("2026-01-02");
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

    @Test
    void predicatesGateTransformsAndNegateInvertsThem() {
        // Kafka's documented example: drop tombstones, rename only the topics that match.
        Map<String, String> props = props(
            "predicates", "isTombstone,isFoo",
            "predicates.isTombstone.type", "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone",
            "predicates.isFoo.type", "TopicNameMatches", "predicates.isFoo.pattern", "foo-.*",
            "transforms", "dropTombstones,route,mark",
            "transforms.dropTombstones.type", "org.apache.kafka.connect.transforms.Filter",
            "transforms.dropTombstones.predicate", "isTombstone",
            "transforms.route.type", "RegexRouter", "transforms.route.regex", "foo-(.*)",
            "transforms.route.replacement", "bar-$1", "transforms.route.predicate", "isFoo",
            "transforms.mark.type", "RegexRouter", "transforms.mark.regex", "(.*)", "transforms.mark.replacement",
            "$1!", "transforms.mark.predicate", "isFoo", "transforms.mark.negate", "true");
        try (TransformationChain<SourceRecord> chain = TransformationChain.fromConfig(props)) {
            assertThat(chain.apply(record("foo-1", null))).as("tombstone").isNull();
            // route applies (foo-1 matches); mark sees bar-1, which does not match, so negate makes it apply
            assertThat(chain.apply(record("foo-1", "v")).topic()).isEqualTo("bar-1!");
            assertThat(chain.apply(record("other", "v")).topic()).isEqualTo("other!");
        }
    }

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void predicateErrorsNameTheSetting() {
        assertThatThrownBy(() -> TransformationChain.fromConfig(Map.of("transforms", "f",
            "transforms.f.type", "Filter", "transforms.f.predicate", "nope")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("transforms.f.predicate")
            .hasMessageContaining("nope");
        assertThatThrownBy(() -> TransformationChain.fromConfig(Map.of("predicates", "p",
            "predicates.p.type", "TopicNameMatches")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("predicate p (TopicNameMatches)")
            .hasMessageContaining("pattern");
        assertThatThrownBy(() -> TransformationChain.fromConfig(Map.of("predicates", "p",
            "predicates.p.type", "org.apache.kafka.connect.transforms.predicates.Nope")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("predicates.p.type")
            .hasMessageContaining("RecordIsTombstone");
        assertThatThrownBy(() -> TransformationChain.fromConfig(Map.of("predicates", "p",
            "predicates.p.type", "RecordIsTombstone", "transforms", "f", "transforms.f.type", "Filter",
            "transforms.f.predicate", "p", "transforms.f.negate", "yes")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("transforms.f.negate");
    }
}
