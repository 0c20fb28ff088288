package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Records.configured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.source.SourceRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsertFieldTest {
    @Test
    void structValueGetsEveryFieldWithSchema() {
        InsertField<SinkRecord> t = configured(new InsertField.Value<>(), "topic.field", "t!",
            "partition.field", "p", "offset.field", "o", "timestamp.field", "ts?", "static.field", "src",
            "static.value", "crm");
        SinkRecord out = t.apply(Records.sink(Records.USER, Records.user(1, "a@b", 30)));
        Struct v = (Struct) out.value();
        assertThat(v.get("id")).isEqualTo(1L);
        assertThat(v.get("email")).isEqualTo("a@b");
        assertThat(v.get("t")).isEqualTo("users");
        assertThat(v.get("p")).isEqualTo(3);
        assertThat(v.get("o")).isEqualTo(42L);
        assertThat(v.get("ts")).isEqualTo(1_700_000_000_000L);
        assertThat(v.get("src")).isEqualTo("crm");
        assertThat(out.valueSchema().field("t").schema().isOptional()).isFalse();
        assertThat(out.valueSchema().field("p").schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(out.valueSchema().field("ts").schema().name()).isEqualTo(InsertField.TIMESTAMP_SCHEMA_NAME);
        assertThat(out.valueSchema().name()).isEqualTo("User");
        assertThat(out.kafkaOffset()).isEqualTo(42L);
        assertThat(out.key()).isEqualTo("k");
    }

    @Test
    void schemalessMapAndKeyVariant() {
        InsertField<SourceRecord> t = configured(new InsertField.Key<>(), "topic.field", "topic");
        SourceRecord in = new SourceRecord(Map.of(), Map.of(), "orders", null, null, Map.of("id", 7), null, "v",
            null);
        SourceRecord out = t.apply(in);
        assertThat(out.key()).isEqualTo(Map.of("id", 7, "topic", "orders"));
        assertThat(out.value()).isEqualTo("v");
    }

    @Test
    void tombstonePassesAndOffsetNeedsSinkRecord() {
        InsertField<SinkRecord> t = configured(new InsertField.Value<>(), "static.field", "x", "static.value", "y");
        SinkRecord tombstone = Records.sink(null, null);
        assertThat(t.apply(tombstone)).isSameAs(tombstone);
        InsertField<SourceRecord> o = configured(new InsertField.Value<>(), "offset.field", "o");
        assertThatThrownBy(() -> o.apply(Records.source(null, Map.of()))).isInstanceOf(DataException.class)
            .hasMessageContaining("sink record");
    }

    @Test
    void refusesNothingToInsertAndStaticWithoutValue() {
        assertThatThrownBy(() -> configured(new InsertField.Value<>())).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> configured(new InsertField.Value<>(), "static.field", "x"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("static.value");
    }
}
