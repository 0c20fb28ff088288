package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Records.configured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.DataException;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.source.SourceRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutersTest {
    @Test
    void regexRouterRenamesWholeMatchesOnly() {
        RegexRouter<SourceRecord> t = configured(new RegexRouter<>(), "regex", "(.*)ers", "replacement", "crm-$1");
        SourceRecord out = t.apply(Records.source(null, "v"));
        assertThat(out.topic()).isEqualTo("crm-us");
        assertThat(out.sourceOffset()).isEqualTo(Map.of("position", 10L));
        RegexRouter<SourceRecord> none = configured(new RegexRouter<>(), "regex", "user", "replacement", "x");
        SourceRecord in = Records.source(null, "v");
        assertThat(none.apply(in)).isSameAs(in);
        assertThatThrownBy(() -> configured(new RegexRouter<>(), "regex", "(", "replacement", "x"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("regex : (");
    }

    @Test
    void timestampRouterUsesUtcAndDefaults() {
        TimestampRouter<SinkRecord> t = configured(new TimestampRouter<>());
        // 1_700_000_000_000 ms = 2023-11-14T22:13:20Z
        assertThat(t.apply(Records.sink(null, "v")).topic()).isEqualTo("users-20231114");
        TimestampRouter<SinkRecord> hourly = configured(new TimestampRouter<>(), "topic.format",
            "${timestamp}_${topic}", "timestamp.format", "yyyy-MM-dd'T'HH");
        SinkRecord out = hourly.apply(Records.sink(null, "v"));
        assertThat(out.topic()).isEqualTo("2023-11-14T22_users");
        assertThat(out.kafkaPartition()).isEqualTo(3);
        SinkRecord noTime = new SinkRecord("users", 0, null, null, null, "v", 0, null);
        assertThatThrownBy(() -> t.apply(noTime)).isInstanceOf(DataException.class);
    }
}
