package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Records.configured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Struct;
import io.tributary.connect.sink.SinkRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplaceFieldTest {
    @Test
    void includeExcludeRenameOnStruct() {
        ReplaceField<SinkRecord> t = configured(new ReplaceField.Value<>(), "include", "id,email,age",
            "exclude", "age", "renames", "email:mail");
        SinkRecord out = t.apply(Records.sink(Records.USER, Records.user(1, "a@b", 30)));
        assertThat(out.valueSchema().fields().stream().map(Field::name)).containsExactly("id", "mail");
        assertThat(((Struct) out.value()).get("mail")).isEqualTo("a@b");
    }

    @Test
    void kafkaOlderNamesOnMaps() {
        ReplaceField<SinkRecord> t = configured(new ReplaceField.Value<>(), "blacklist", "email");
        SinkRecord out = t.apply(Records.sink(null, Records.userMap(1, "a@b", 30)));
        assertThat(out.value()).isEqualTo(Map.of("id", 1L, "age", 30));
        ReplaceField<SinkRecord> w = configured(new ReplaceField.Value<>(), "whitelist", "id");
        assertThat(w.apply(Records.sink(null, Records.userMap(1, "a@b", 30))).value()).isEqualTo(Map.of("id", 1L));
    }

    @Test
    void refusesBadRenames() {
        assertThatThrownBy(() -> configured(new ReplaceField.Key<>(), "renames", "a:b,c"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("renames : c");
    }
}
