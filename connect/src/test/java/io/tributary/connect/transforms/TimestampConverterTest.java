package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Records.configured;
import static io.tributary.connect.transforms.Records.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.sink.SinkRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TimestampConverter, compared with Kafka's own (connect-transforms 4.4) on every input and target. */
class TimestampConverterTest {
    private static final long DAY = 86_400_000L;
    private static final String FORMAT = "yyyy-MM-dd HH:mm:ss.SSS";
    /** 2023-11-14 22:15:23.456 UTC, and one before the epoch (floors, not truncation, for days). */
    private static final List<Long> INSTANTS = List.of(1_700_000_123_456L, -1_234_567_890L, 0L);
    private static final List<String> TARGETS = List.of("string", "unix", "Date", "Time", "Timestamp");
    private static final List<String> PRECISIONS = List.of("seconds", "milliseconds", "microseconds", "nanoseconds");

    /** One input in both worlds: our schema and value, Kafka's schema and value. */
    private record Input(String what, Schema schema, Object value, org.apache.kafka.connect.data.Schema kafkaSchema,
                         Object kafkaValue) {
    }

    private static List<Input> inputs(String precision) {
        List<Input> out = new ArrayList<>();
        for (long ms : INSTANTS) {
            long unix = switch (precision) {
                case "seconds" -> ms / 1000;
                case "microseconds" -> ms * 1000 + 789;
                case "nanoseconds" -> ms * 1_000_000 + 789_012;
                default -> ms;
            };
            out.add(new Input("unix " + unix, Schema.INT64_SCHEMA, unix,
                org.apache.kafka.connect.data.Schema.INT64_SCHEMA, unix));
            var f = new java.text.SimpleDateFormat(FORMAT);
            f.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
            String text = f.format(new java.util.Date(ms));
            out.add(new Input("string " + text, Schema.STRING_SCHEMA, text,
                org.apache.kafka.connect.data.Schema.STRING_SCHEMA, text));
            out.add(new Input("Timestamp " + ms, SchemaBuilder.type(Schema.Type.INT64)
                .name(TimestampConverter.TIMESTAMP_NAME).build(), ms,
                org.apache.kafka.connect.data.Timestamp.SCHEMA, new java.util.Date(ms)));
            long days = Math.floorDiv(ms, DAY);
            out.add(new Input("Date " + days, SchemaBuilder.type(Schema.Type.INT32).name(TimestampConverter.DATE_NAME)
                .build(), (int) days, org.apache.kafka.connect.data.Date.SCHEMA, new java.util.Date(days * DAY)));
            int ofDay = (int) Math.floorMod(ms, DAY);
            out.add(new Input("Time " + ofDay, SchemaBuilder.type(Schema.Type.INT32).name(TimestampConverter.TIME_NAME)
                .build(), ofDay, org.apache.kafka.connect.data.Time.SCHEMA, new java.util.Date(ofDay)));
        }
        return out;
    }

    private static Map<String, String> settings(String target, String precision) {
        return Map.of("target.type", target, "format", FORMAT, "unix.precision", precision);
    }

    /** Kafka's value in Tributary's representation: logical types with a schema are primitives here. */
    private static Object normalize(org.apache.kafka.connect.data.Schema schema, Object v) {
        if (v instanceof java.util.Date d && schema != null) {
            return org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(schema.name()) ? (Object) (int) (d.getTime()
                / DAY) : org.apache.kafka.connect.data.Time.LOGICAL_NAME.equals(schema.name())
                ? (Object) (int) d.getTime() : (Object) d.getTime();
        }
        return v;
    }

    @Test
    void wholeValuesConvertAsKafkaConvertsThem() {
        int compared = 0;
        for (String precision : PRECISIONS) {
            for (Input in : inputs(precision)) {
                for (String target : TARGETS) {
                    var kafka = new org.apache.kafka.connect.transforms.TimestampConverter.Value<
                        org.apache.kafka.connect.sink.SinkRecord>();
                    kafka.configure(settings(target, precision));
                    var theirs = kafka.apply(new org.apache.kafka.connect.sink.SinkRecord("t", 0, null, null,
                        in.kafkaSchema(), in.kafkaValue(), 0));
                    TimestampConverter.Value<SinkRecord> converter = new TimestampConverter.Value<>();
                    converter.configure(settings(target, precision));
                    SinkRecord mine = converter.apply(sink(in.schema(), in.value()));
                    String as = in.what() + " -> " + target + " (" + precision + ")";
                    assertThat(mine.value()).as(as).isEqualTo(normalize(theirs.valueSchema(), theirs.value()));
                    assertThat(mine.valueSchema().type().name()).as(as)
                        .isEqualTo(theirs.valueSchema().type().name());
                    assertThat(mine.valueSchema().name()).as(as).isEqualTo(theirs.valueSchema().name());
                    assertThat(mine.valueSchema().version()).as(as).isEqualTo(theirs.valueSchema().version());

                    // Schemaless: java.util.Date in and out for the logical types, as in Kafka.
                    Object schemalessIn = in.kafkaValue();
                    if (in.kafkaSchema().name() == null || in.what().startsWith("Timestamp")) {
                        kafka.configure(settings(target, precision));
                        var theirsSchemaless = kafka.apply(new org.apache.kafka.connect.sink.SinkRecord("t", 0, null,
                            null, null, schemalessIn, 0));
                        SinkRecord mineSchemaless = converter.apply(sink(null, schemalessIn));
                        assertThat(mineSchemaless.valueSchema()).isNull();
                        assertThat(mineSchemaless.value()).as("schemaless " + as).isEqualTo(theirsSchemaless.value());
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(PRECISIONS.size() * INSTANTS.size() * 5 * TARGETS.size());
    }

    @Test
    void aFieldOfAStructOrMapIsConvertedAndTheRestKept() {
        Schema event = SchemaBuilder.struct().name("event").field("id", Schema.INT64_SCHEMA)
            .field("at", Schema.OPTIONAL_STRING_SCHEMA).build();
        TimestampConverter.Value<SinkRecord> converter = configured(new TimestampConverter.Value<>(),
            "field", "at", "target.type", "Timestamp", "format", "yyyy-MM-dd'T'HH:mm:ssX");
        SinkRecord out = converter.apply(sink(event, new Struct(event).put("id", 1L).put("at", "2026-01-02T03:04:05Z")));
        assertThat(out.valueSchema().field("at").schema()).isEqualTo(SchemaBuilder.type(Schema.Type.INT64)
            .name("org.apache.kafka.connect.data.Timestamp").version(1).optional().build());
        assertThat(((Struct) out.value()).get("at")).isEqualTo(1_767_323_045_000L);
        assertThat(((Struct) out.value()).get("id")).isEqualTo(1L);
        assertThat(out.valueSchema().name()).isEqualTo("event");
        // A null field stays null; the schema changes all the same.
        SinkRecord nulls = converter.apply(sink(event, new Struct(event).put("id", 2L)));
        assertThat(((Struct) nulls.value()).get("at")).isNull();
        assertThat(nulls.valueSchema()).isEqualTo(out.valueSchema());

        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", 3L);
        map.put("at", 1_767_323_045L);
        TimestampConverter.Value<SinkRecord> toText = configured(new TimestampConverter.Value<>(), "field", "at",
            "target.type", "string", "format", "yyyy-MM-dd", "unix.precision", "seconds");
        assertThat(toText.apply(sink(null, map)).value()).isEqualTo(Map.of("id", 3L, "at", "2026-01-02"));

        TimestampConverter.Key<SinkRecord> onKey = configured(new TimestampConverter.Key<>(), "target.type", "unix",
            "unix.precision", "seconds");
        SinkRecord keyed = onKey.apply(new SinkRecord("t", 0, SchemaBuilder.type(Schema.Type.INT64)
            .name("org.apache.kafka.connect.data.Timestamp").build(), 1_767_323_045_999L, null, "v", 0, null));
        assertThat(keyed.key()).isEqualTo(1_767_323_045L);
        assertThat(keyed.keySchema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(keyed.value()).isEqualTo("v");
    }

    @Test
    void badSettingsAndInputsAreRefusedReadably() {
        assertThatThrownBy(() -> configured(new TimestampConverter.Value<>(), "target.type", "string"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> configured(new TimestampConverter.Value<>(), "target.type", "instant"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("string, unix, Date, Time, Timestamp");
        assertThatThrownBy(() -> configured(new TimestampConverter.Value<>(), "format", "yyyy"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("target.type");
        assertThatThrownBy(() -> configured(new TimestampConverter.Value<>(), "target.type", "unix",
            "unix.precision", "minutes")).isInstanceOf(ConfigException.class).hasMessageContaining("nanoseconds");
        assertThatThrownBy(() -> configured(new TimestampConverter.Value<>(), "target.type", "unix", "format",
            "qq")).isInstanceOf(ConfigException.class).hasMessageContaining("SimpleDateFormat");

        TimestampConverter.Value<SinkRecord> unix = configured(new TimestampConverter.Value<>(), "target.type",
            "unix");
        assertThatThrownBy(() -> unix.apply(sink(Schema.STRING_SCHEMA, "2026-01-02")))
            .isInstanceOf(DataException.class).hasMessageContaining("without format");
        assertThatThrownBy(() -> unix.apply(sink(Schema.FLOAT64_SCHEMA, 1.5))).isInstanceOf(DataException.class)
            .hasMessageContaining("STRING or an INT64");
        assertThatThrownBy(() -> unix.apply(sink(null, 1.5))).isInstanceOf(DataException.class)
            .hasMessageContaining("java.lang.Double");
        TimestampConverter.Value<SinkRecord> parse = configured(new TimestampConverter.Value<>(), "target.type",
            "unix", "format", "yyyy-MM-dd");
        assertThatThrownBy(() -> parse.apply(sink(Schema.STRING_SCHEMA, "yesterday")))
            .isInstanceOf(DataException.class).hasMessageContaining("\"yesterday\" (expected: a timestamp in format "
                + "yyyy-MM-dd)");
    }
}
