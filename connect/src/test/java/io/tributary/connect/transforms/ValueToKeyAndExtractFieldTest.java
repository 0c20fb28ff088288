package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Records.configured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.sink.SinkRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueToKeyAndExtractFieldTest {
    @Test
    void valueToKeyThenExtractKeyField() {
        ValueToKey<SinkRecord> toKey = configured(new ValueToKey<>(), "fields", "id");
        SinkRecord keyed = toKey.apply(Records.sink(Records.USER, Records.user(5, "a@b", 30)));
        assertThat(keyed.keySchema().fields()).hasSize(1);
        assertThat(((Struct) keyed.key()).get("id")).isEqualTo(5L);
        assertThat(keyed.value()).isEqualTo(Records.user(5, "a@b", 30));

        ExtractField<SinkRecord> extract = configured(new ExtractField.Key<>(), "field", "id");
        SinkRecord out = extract.apply(keyed);
        assertThat(out.key()).isEqualTo(5L);
        assertThat(out.keySchema()).isEqualTo(Schema.INT64_SCHEMA);
    }

    @Test
    void schemaless() {
        ValueToKey<SinkRecord> toKey = configured(new ValueToKey<>(), "fields", "email,id");
        SinkRecord keyed = toKey.apply(Records.sink(null, Records.userMap(5, "a@b", 30)));
        assertThat(keyed.key()).isEqualTo(Map.of("email", "a@b", "id", 5L));
        assertThat(keyed.keySchema()).isNull();
        ExtractField<SinkRecord> extract = configured(new ExtractField.Value<>(), "field", "email");
        assertThat(extract.apply(keyed).value()).isEqualTo("a@b");
    }

    @Test
    void missingFieldsNamed() {
        ValueToKey<SinkRecord> toKey = configured(new ValueToKey<>(), "fields", "nope");
        assertThatThrownBy(() -> toKey.apply(Records.sink(Records.USER, Records.user(5, "a", 1))))
            .isInstanceOf(DataException.class).hasMessageContaining("nope");
        ExtractField<SinkRecord> extract = configured(new ExtractField.Value<>(), "field", "nope");
        assertThatThrownBy(() -> extract.apply(Records.sink(Records.USER, Records.user(5, "a", 1))))
            .isInstanceOf(DataException.class).hasMessageContaining("[id, email, age]");
    }
}
