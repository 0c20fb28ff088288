package io.tributary.connect.transforms.predicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.header.Header;
import io.tributary.connect.sink.SinkRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredicatesTest {
    private static SinkRecord record(String topic, Object value, Header... headers) {
        return new SinkRecord(topic, 0, null, null, Schema.OPTIONAL_STRING_SCHEMA, value, 0, null, List.of(headers));
    }

    @Test
    void topicNameMatchesTheWholeName() {
        TopicNameMatches<SinkRecord> p = new TopicNameMatches<>();
        p.configure(Map.of("pattern", "orders-.*"));
        assertThat(p.test(record("orders-eu", "v"))).isTrue();
        assertThat(p.test(record("old-orders-eu", "v"))).as("a partial match is not enough").isFalse();
        assertThatThrownBy(() -> p.configure(Map.of("pattern", "(")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pattern").hasMessageContaining("regular");
        assertThatThrownBy(() -> p.configure(Map.of())).isInstanceOf(ConfigException.class)
            .hasMessageContaining("pattern");
    }

    @Test
    void hasHeaderKeyLooksForTheKeyWhateverTheValue() {
        HasHeaderKey<SinkRecord> p = new HasHeaderKey<>();
        p.configure(Map.of("name", "trace-id"));
        assertThat(p.test(record("t", "v", Header.ofBytes("trace-id", null)))).isTrue();
        assertThat(p.test(record("t", "v", Header.ofString("other", "x"), Header.ofString("trace-id", "1"))))
            .isTrue();
        assertThat(p.test(record("t", "v", Header.ofString("Trace-Id", "1")))).as("keys are case-sensitive")
            .isFalse();
        assertThat(p.test(record("t", "v"))).isFalse();
        assertThatThrownBy(() -> p.configure(Map.of())).isInstanceOf(ConfigException.class)
            .hasMessageContaining("name");
    }

    @Test
    void recordIsTombstoneWhenTheValueIsNull() {
        RecordIsTombstone<SinkRecord> p = new RecordIsTombstone<>();
        p.configure(Map.of());
        assertThat(p.test(record("t", null))).isTrue();
        assertThat(p.test(record("t", ""))).isFalse();
    }
}
