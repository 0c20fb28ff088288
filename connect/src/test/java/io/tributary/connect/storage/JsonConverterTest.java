package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonConverterTest {
    private static final Schema USER = SchemaBuilder.struct().name("User")
        .field("id", Schema.INT64_SCHEMA)
        .field("name", Schema.STRING_SCHEMA)
        .field("email", Schema.OPTIONAL_STRING_SCHEMA)
        .field("score", Schema.FLOAT64_SCHEMA)
        .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build())
        .field("avatar", Schema.OPTIONAL_BYTES_SCHEMA)
        .build();

    private static JsonConverter converter(boolean schemas) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", String.valueOf(schemas)), false);
        return c;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void envelopeCarriesSchemaAndPayload() {
        byte[] out = converter(true).fromConnectData("t", Schema.STRING_SCHEMA, "hello");
        assertThat(text(out)).isEqualTo(
            "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"hello\"}");
    }

    @Test
    void structRoundTripsThroughEnvelope() {
        Struct user = new Struct(USER).put("id", 42L).put("name", "Ada").put("score", 9.5)
            .put("tags", List.of("a", "b")).put("attrs", Map.of("x", 1)).put("avatar", new byte[] {1, 2, 3});
        JsonConverter c = converter(true);
        byte[] json = c.fromConnectData("t", USER, user);

        SchemaAndValue back = c.toConnectData("t", json);
        assertThat(back.schema()).isEqualTo(USER);
        assertThat(back.value()).isEqualTo(user);
        assertThat(text(json)).contains("\"name\":\"User\"").contains("\"payload\":{\"id\":42,\"name\":\"Ada\"");
    }

    @Test
    void readsEnvelopeWrittenByHand() {
        String json = "{\"schema\":{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"},"
            + "{\"type\":\"string\",\"optional\":true,\"field\":\"note\"}]},"
            + "\"payload\":{\"id\":7,\"note\":null}}";
        SchemaAndValue v = converter(true).toConnectData("t", bytes(json));
        Struct s = (Struct) v.value();
        assertThat(s.get("id")).isEqualTo(7);
        assertThat(s.get("note")).isNull();
        assertThat(v.schema().field("note").schema().isOptional()).isTrue();
    }

    @Test
    void schemalessWritesPlainJsonAndReadsMaps() {
        JsonConverter c = converter(false);
        byte[] out = c.fromConnectData("t", null, Map.of("id", 1, "ok", true));
        assertThat(text(out)).satisfiesAnyOf(s -> assertThat(s).isEqualTo("{\"id\":1,\"ok\":true}"),
            s -> assertThat(s).isEqualTo("{\"ok\":true,\"id\":1}"));

        SchemaAndValue v = c.toConnectData("t", bytes("{\"id\":1,\"price\":2.5,\"tags\":[\"x\"],\"n\":null}"));
        assertThat(v.schema()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v.value();
        assertThat(m).containsEntry("id", 1L).containsEntry("price", 2.5)
            .containsEntry("tags", List.of("x")).containsEntry("n", null);
        // A typed value written without the envelope is its plain JSON.
        assertThat(text(c.fromConnectData("t", Schema.STRING_SCHEMA, "line"))).isEqualTo("\"line\"");
    }

    @Test
    void schemasEnabledWithNullSchemaWritesNullSchema() {
        byte[] out = converter(true).fromConnectData("t", null, Map.of("a", "b"));
        assertThat(text(out)).isEqualTo("{\"schema\":null,\"payload\":{\"a\":\"b\"}}");
        assertThat(converter(true).toConnectData("t", out).value()).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void nullIsATombstone() {
        assertThat(converter(true).fromConnectData("t", null, null)).isNull();
        assertThat(converter(true).toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void plainJsonWithSchemasEnabledSaysHowToFixIt() {
        assertThatThrownBy(() -> converter(true).toConnectData("orders", bytes("{\"id\":1}")))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("orders").hasMessageContaining("schemas.enable=false");
    }

    @Test
    void badInputIsRefusedReadably() {
        assertThatThrownBy(() -> converter(false).toConnectData("t", bytes("{not json")))
            .isInstanceOf(DataException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> converter(true).fromConnectData("t", Schema.INT32_SCHEMA, "x"))
            .isInstanceOf(DataException.class).hasMessageContaining("INT32");
        assertThatThrownBy(() -> converter(true).fromConnectData("t", Schema.INT32_SCHEMA, null))
            .hasMessageContaining("not optional");
        assertThatThrownBy(() -> converter(true).toConnectData("t",
            bytes("{\"schema\":{\"type\":\"int128\"},\"payload\":1}"))).hasMessageContaining("int128");
    }
}
