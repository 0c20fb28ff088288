package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Decimal logical type through {@code JsonConverter}, with Kafka's own JsonConverter 4.4 as the oracle. */
class DecimalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VALUES = List.of("12.50", "-0.01", "0.00", "127.99", "-128.00",
        "123456789012345678901234567890.12", "-99999999999999999999.99");

    private static final Schema ROW = SchemaBuilder.struct().name("row")
        .field("id", Schema.INT64_SCHEMA)
        .field("price", Decimal.schema(2))
        .field("discount", Decimal.builder(2).optional().build())
        .build();
    private static final org.apache.kafka.connect.data.Schema KAFKA_ROW =
        org.apache.kafka.connect.data.SchemaBuilder.struct().name("row")
            .field("id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
            .field("price", org.apache.kafka.connect.data.Decimal.schema(2))
            .field("discount", org.apache.kafka.connect.data.Decimal.builder(2).optional().build())
            .build();

    private static JsonConverter ours(boolean schemas, String format) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", String.valueOf(schemas), "decimal.format", format), false);
        return c;
    }

    private static org.apache.kafka.connect.json.JsonConverter kafka(boolean schemas, String format) {
        var c = new org.apache.kafka.connect.json.JsonConverter();
        c.configure(Map.of("schemas.enable", String.valueOf(schemas), "decimal.format", format), false);
        return c;
    }

    @Test
    void theBytesAreTheUnscaledValueInTwosComplement() {
        Schema s = Decimal.schema(2);
        // 12.50 at scale 2 is 1250 = 0x04E2; -0.01 is -1 = 0xFF.
        assertThat(Decimal.fromLogical(s, new BigDecimal("12.50"))).containsExactly(0x04, 0xE2);
        assertThat(Decimal.fromLogical(s, new BigDecimal("-0.01"))).containsExactly(0xFF);
        assertThat(Decimal.toLogical(s, new byte[] {0x04, (byte) 0xE2})).isEqualTo(new BigDecimal("12.50"));
        assertThat(s.parameters()).containsExactly(Map.entry("scale", "2"));
        assertThat(s.version()).isEqualTo(1);
        assertThatThrownBy(() -> Decimal.fromLogical(s, new BigDecimal("1.5"))).isInstanceOf(DataException.class)
            .hasMessageContaining("scale 1 (expected: scale 2");
        assertThatThrownBy(() -> new Struct(ROW).put("price", 12.5)).isInstanceOf(DataException.class)
            .hasMessageContaining("BigDecimal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BASE64", "NUMERIC"})
    void withSchemasTheJsonIsKafkasAndEachReadsTheOthers(String format) throws Exception {
        for (String v : VALUES) {
            BigDecimal d = new BigDecimal(v);
            Struct row = new Struct(ROW).put("id", 7L).put("price", d).put("discount", null);
            var kafkaRow = new org.apache.kafka.connect.data.Struct(KAFKA_ROW).put("id", 7L).put("price", d)
                .put("discount", null);
            byte[] mine = ours(true, format).fromConnectData("t", ROW, row);
            byte[] theirs = kafka(true, format).fromConnectData("t", KAFKA_ROW, kafkaRow);
            assertThat(JSON.readTree(mine)).as(v).isEqualTo(JSON.readTree(theirs));

            SchemaAndValue back = ours(true, format).toConnectData("t", theirs);
            assertThat(back.schema()).isEqualTo(ROW);
            assertThat(back.value()).isEqualTo(row);
            var kafkaBack = (org.apache.kafka.connect.data.Struct) kafka(true, format).toConnectData("t", mine).value();
            assertThat(kafkaBack.get("price")).isEqualTo(d);
        }
    }

    @Test
    void theSchemaShapeIsKafkas() throws Exception {
        String json = new String(ours(true, "BASE64").fromConnectData("t", Decimal.schema(2), new BigDecimal("12.50")),
            StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"schema\":{\"type\":\"bytes\",\"optional\":false,"
            + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"}},"
            + "\"payload\":\"BOI=\"}");
        assertThat(ours(true, "BASE64").toConnectData("t", json.replace("\"BOI=\"", "12.5")
            .getBytes(StandardCharsets.UTF_8)).value()).as("a number is read too, at the schema's scale")
            .isEqualTo(new BigDecimal("12.50"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BASE64", "NUMERIC"})
    void withoutSchemasATypedDecimalIsWrittenAsKafkaWritesItAndASchemalessOneAsANumber(String format)
        throws Exception {
        BigDecimal d = new BigDecimal("12.50");
        byte[] mine = ours(false, format).fromConnectData("t", ROW, new Struct(ROW).put("id", 1L).put("price", d));
        byte[] theirs = kafka(false, format).fromConnectData("t", KAFKA_ROW,
            new org.apache.kafka.connect.data.Struct(KAFKA_ROW).put("id", 1L).put("price", d));
        assertThat(JSON.readTree(mine)).isEqualTo(JSON.readTree(theirs));

        Map<String, Object> schemaless = new LinkedHashMap<>();
        schemaless.put("price", new BigDecimal("1234567890123456789.000001"));
        assertThat(new String(ours(false, format).fromConnectData("t", null, schemaless), StandardCharsets.UTF_8))
            .isEqualTo("{\"price\":1234567890123456789.000001}");
        // Plain JSON numbers are read schemaless as Kafka reads them: doubles.
        assertThat(ours(false, format).toConnectData("t", "{\"price\":12.50}".getBytes(StandardCharsets.UTF_8))
            .value()).isEqualTo(Map.of("price", 12.5));
    }

    @Test
    void badSettingsAndPayloadsAreRefused() {
        assertThatThrownBy(() -> ours(true, "TEXT")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("BASE64 or NUMERIC");
        String schema = "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"parameters\":{\"scale\":\"2\"}}";
        assertThatThrownBy(() -> ours(true, "BASE64").toConnectData("t", ("{\"schema\":" + schema
            + ",\"payload\":1.234}").getBytes(StandardCharsets.UTF_8))).isInstanceOf(DataException.class)
            .hasMessageContaining("scale 2 without rounding");
        assertThatThrownBy(() -> ours(true, "BASE64").toConnectData("t", ("{\"schema\":" + schema
            + ",\"payload\":true}").getBytes(StandardCharsets.UTF_8))).isInstanceOf(DataException.class)
            .hasMessageContaining("a number or base64");
    }
}
