package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Records.USER;
import static io.tributary.connect.transforms.Records.configured;
import static io.tributary.connect.transforms.Records.sink;
import static io.tributary.connect.transforms.Records.user;
import static io.tributary.connect.transforms.Records.userMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.header.Header;
import io.tributary.connect.sink.SinkRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoistCastAndSchemaMetadataTest {
    @Test
    void hoistFieldWrapsAValueWithItsSchemaOrAMap() {
        HoistField.Value<SinkRecord> hoist = configured(new HoistField.Value<>(), "field", "line");
        SinkRecord out = hoist.apply(sink(Schema.STRING_SCHEMA, "hello"));
        assertThat(out.valueSchema().fields()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("line");
            assertThat(f.schema()).isEqualTo(Schema.STRING_SCHEMA);
        });
        assertThat(((Struct) out.value()).get("line")).isEqualTo("hello");
        assertThat(out.key()).isEqualTo("k");
        assertThat(out.kafkaOffset()).isEqualTo(42L);

        SinkRecord schemaless = hoist.apply(sink(null, 7L));
        assertThat(schemaless.valueSchema()).isNull();
        assertThat(schemaless.value()).isEqualTo(Map.of("line", 7L));
        Map<String, Object> nullWrapped = new HashMap<>();
        nullWrapped.put("line", null);
        assertThat(hoist.apply(sink(null, null)).value()).isEqualTo(nullWrapped);

        HoistField.Key<SinkRecord> key = configured(new HoistField.Key<>(), "field", "id");
        SinkRecord keyed = key.apply(sink(Schema.STRING_SCHEMA, "v"));
        assertThat(((Struct) keyed.key()).get("id")).isEqualTo("k");
        assertThat(keyed.value()).isEqualTo("v");
        assertThatThrownBy(() -> new HoistField.Value<SinkRecord>().configure(Map.of()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("field");
    }

    @Test
    void castChangesFieldTypesOfStructsAndMaps() {
        Cast.Value<SinkRecord> cast = configured(new Cast.Value<>(), "spec", "id:string, age:float64,email:boolean");
        SinkRecord out = cast.apply(sink(USER, user(5, "true", 40)));
        Struct v = (Struct) out.value();
        assertThat(v.get("id")).isEqualTo("5");
        assertThat(v.get("age")).isEqualTo(40.0);
        assertThat(v.get("email")).isEqualTo(true);
        assertThat(out.valueSchema().field("id").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(out.valueSchema().field("age").schema()).as("optional stays optional")
            .isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
        assertThat(out.valueSchema().name()).isEqualTo("User");
        SinkRecord nulls = cast.apply(sink(USER, user(6, null, null)));
        assertThat(((Struct) nulls.value()).get("age")).isNull();

        Cast.Value<SinkRecord> schemaless = configured(new Cast.Value<>(), "spec", "id:int32,age:string");
        assertThat(schemaless.apply(sink(null, userMap(9, "a@b", 3))).value())
            .isEqualTo(Map.of("id", 9, "email", "a@b", "age", "3"));
        assertThatThrownBy(() -> configured(new Cast.Value<SinkRecord>(), "spec", "id:int32")
                .apply(sink(null, Map.of("id", "nine"))))
            .isInstanceOf(DataException.class).hasMessageContaining("id").hasMessageContaining("int32");
    }

    @Test
    void castOfAWholeValueAndBadSpecs() {
        Cast.Value<SinkRecord> cast = configured(new Cast.Value<>(), "spec", "int64");
        SinkRecord out = cast.apply(sink(Schema.STRING_SCHEMA, " 123 "));
        assertThat(out.value()).isEqualTo(123L);
        assertThat(out.valueSchema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(configured(new Cast.Key<SinkRecord>(), "spec", "int8")
            .apply(new SinkRecord("t", 0, null, 300, null, "v", 0, null)).key()).isEqualTo((byte) 44);
        assertThat(Cast.cast("x", 2.9, Schema.Type.INT32)).isEqualTo(2);
        assertThat(Cast.cast("x", true, Schema.Type.INT16)).isEqualTo((short) 1);
        assertThat(Cast.cast("x", 0L, Schema.Type.BOOLEAN)).isEqualTo(false);
        assertThat(Cast.cast("x", new byte[] {1, 2}, Schema.Type.STRING)).isEqualTo("AQI=");
        assertThatThrownBy(() -> cast.apply(sink(USER, user(1, null, null))))
            .isInstanceOf(DataException.class).hasMessageContaining("STRUCT");

        for (String bad : new String[] {"", "int64,string", "a:decimal", "bytes", ":int8"}) {
            assertThatThrownBy(() -> new Cast.Value<SinkRecord>().configure(Map.of("spec", bad)))
                .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("spec");
        }
    }

    @Test
    void setSchemaMetadataRenamesTheSchemaKeepingTheData() {
        SetSchemaMetadata.Value<SinkRecord> rename = configured(new SetSchemaMetadata.Value<>(),
            "schema.name", "com.example.Customer");
        SinkRecord out = rename.apply(sink(USER, user(1, "a@b", 30)));
        assertThat(out.valueSchema().name()).isEqualTo("com.example.Customer");
        assertThat(out.valueSchema().fields()).isEqualTo(USER.fields());
        assertThat(((Struct) out.value()).get("email")).isEqualTo("a@b");
        assertThat(((Struct) out.value()).schema()).isSameAs(out.valueSchema());
        SinkRecord primitive = configured(new SetSchemaMetadata.Key<SinkRecord>(), "schema.name", "Id")
            .apply(sink(USER, user(1, null, null)));
        assertThat(primitive.keySchema().name()).isEqualTo("Id");
        assertThat(primitive.keySchema().type()).isEqualTo(Schema.Type.STRING);

        assertThatThrownBy(() -> rename.apply(sink(null, Map.of()))).isInstanceOf(DataException.class)
            .hasMessageContaining("no schema");
        assertThatThrownBy(() -> new SetSchemaMetadata.Value<SinkRecord>().configure(Map.of()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("schema.version");
        assertThatThrownBy(() -> new SetSchemaMetadata.Value<SinkRecord>().configure(Map.of("schema.version", "v2")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("an integer");
        // A version alone keeps the name, and a Decimal keeps its scale.
        SinkRecord versioned = configured(new SetSchemaMetadata.Value<SinkRecord>(), "schema.version", "2")
            .apply(sink(io.tributary.connect.data.Decimal.schema(2), new java.math.BigDecimal("1.25")));
        assertThat(versioned.valueSchema()).isEqualTo(io.tributary.connect.data.Decimal.builder(2).version(2).build());
    }

    @Test
    void filterDropsAndTransformsKeepHeaders() {
        SinkRecord withHeader = new SinkRecord("t", 0, null, null, Schema.STRING_SCHEMA, "v", 0, null,
            List.of(Header.ofString("h", "1")));
        assertThat(new Filter<SinkRecord>().apply(withHeader)).isNull();
        SinkRecord hoisted = configured(new HoistField.Value<SinkRecord>(), "field", "f").apply(withHeader);
        assertThat(hoisted.headers()).containsExactly(Header.ofString("h", "1"));
    }
}
