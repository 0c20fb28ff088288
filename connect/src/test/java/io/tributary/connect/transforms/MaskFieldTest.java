package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Records.configured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Struct;
import io.tributary.connect.sink.SinkRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskFieldTest {
    @Test
    void emptyValuesOfTheFieldType() {
        MaskField<SinkRecord> t = configured(new MaskField.Value<>(), "fields", "email,age");
        SinkRecord out = t.apply(Records.sink(Records.USER, Records.user(1, "a@b", 30)));
        assertThat(out.value()).isEqualTo(Records.user(1, "", 0));
        assertThat(out.valueSchema()).isEqualTo(Records.USER);
        // A null field stays null.
        assertThat(((Struct) t.apply(Records.sink(Records.USER, Records.user(1, null, null))).value()).get("email"))
            .isNull();
    }

    @Test
    void replacementReadAsTheFieldType() {
        MaskField<SinkRecord> t = configured(new MaskField.Value<>(), "fields", "email,age", "replacement", "9");
        assertThat(t.apply(Records.sink(null, Records.userMap(1, "a@b", 30))).value())
            .isEqualTo(Map.of("id", 1L, "email", "9", "age", 9));
        MaskField<SinkRecord> bad = configured(new MaskField.Value<>(), "fields", "age", "replacement", "x");
        assertThatThrownBy(() -> bad.apply(Records.sink(null, Records.userMap(1, "a", 3))))
            .isInstanceOf(DataException.class).hasMessageContaining("replacement : x");
    }

    @Test
    void needsFields() {
        assertThatThrownBy(() -> configured(new MaskField.Key<>())).isInstanceOf(ConfigException.class);
    }
}
