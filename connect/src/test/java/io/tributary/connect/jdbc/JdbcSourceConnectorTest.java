package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.SourceTasks.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.source.SourceRecord;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The source connector's configuration checks, its split over tasks, and the SQL-to-Connect type mapping. */
class JdbcSourceConnectorTest {
    private static Map<String, String> props(String... keyValues) {
        Map<String, String> m = new HashMap<>(Map.of("connection.url", "jdbc:h2:mem:x", "topic.prefix", "db-"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void tablesAreDealtOverAtMostTasksMaxTasks() {
        JdbcSourceConnector connector = new JdbcSourceConnector();
        connector.start(props("mode", "bulk", "table.whitelist", "a, b,c"));
        assertThat(connector.taskConfigs(2)).extracting(m -> m.get("tables")).containsExactly("a,c", "b");
        assertThat(connector.taskConfigs(5)).extracting(m -> m.get("tables")).containsExactly("a", "b", "c");
        assertThat(new JdbcSourceConfig(connector.taskConfigs(2).get(0)).tables).containsExactly("a", "c");

        connector.start(props("mode", "bulk", "query", "SELECT 1", "topic.prefix", "one"));
        assertThat(connector.taskConfigs(4)).hasSize(1);
    }

    @Test
    void badCombinationsAreRefusedWithTheKeyToFix() {
        JdbcSourceConnector connector = new JdbcSourceConnector();
        assertThatThrownBy(() -> connector.start(props("mode", "bulk")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("either table.whitelist or query, not neither");
        assertThatThrownBy(() -> connector.start(props("mode", "bulk", "table.whitelist", "t", "query", "SELECT 1")))
            .hasMessageContaining("not both");
        assertThatThrownBy(() -> connector.start(props("mode", "incrementing", "table.whitelist", "t")))
            .hasMessageContaining("incrementing.column.name");
        assertThatThrownBy(() -> connector.start(props("mode", "timestamp+incrementing", "table.whitelist", "t",
            "incrementing.column.name", "id"))).hasMessageContaining("timestamp.column.name");
        assertThatThrownBy(() -> connector.start(props("mode", "sometimes", "table.whitelist", "t")))
            .hasMessageContaining("bulk, incrementing, timestamp or timestamp+incrementing");
        assertThatThrownBy(() -> connector.start(props("mode", "bulk", "table.whitelist", "t",
            "connection.url", "postgres://x"))).hasMessageContaining("a JDBC URL");
        assertThatThrownBy(() -> new JdbcSinkConnector().start(props("insert.mode", "upsert")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("record_key or record_value with "
                + "insert.mode=upsert");
        assertThatThrownBy(() -> new JdbcSinkConnector().start(props("delete.enabled", "true", "pk.mode",
            "record_value"))).hasMessageContaining("record_key with delete.enabled=true");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sqlTypesMapToConnectTypes(TestDatabase db) throws Exception {
        String t = db.uniqueTable("types");
        try (Connection c = db.connect()) {
            String float32 = db == TestDatabase.MARIADB ? "FLOAT" : "REAL";
            String bytes = db == TestDatabase.POSTGRES ? "BYTEA" : "VARBINARY(10)";
            TestDatabase.execute(c, "CREATE TABLE " + t + " (id BIGINT NOT NULL, s SMALLINT, i INTEGER, "
                + "f " + float32 + ", d DOUBLE PRECISION, price NUMERIC(10,2), qty NUMERIC(9,0), ok BOOLEAN, "
                + "txt VARCHAR(20) NOT NULL, d_day DATE, tod TIME, at_ts " + db.timestampType + ", raw " + bytes + ")",
                "INSERT INTO " + t + " VALUES (1, 2, 3, 1.5, 2.25, 12.50, 42, TRUE, 'hé', DATE '2026-03-04', "
                    + "TIME '01:02:03', TIMESTAMP '2026-03-04 05:06:07.890', NULL)",
                "INSERT INTO " + t + " (id, txt) VALUES (2, 'nulls')");
            try {
                SourceTasks tasks = new SourceTasks();
                Map<String, String> p = db.connectorProps();
                p.putAll(Map.of("mode", "incrementing", "incrementing.column.name", "id", "table.whitelist", t,
                    "topic.prefix", ""));
                JdbcSourceTask task = tasks.start(p);
                List<SourceRecord> records;
                try {
                    records = tasks.drain(task);
                } finally {
                    task.stop();
                }
                assertThat(records).hasSize(2);
                Schema schema = records.get(0).valueSchema();
                assertThat(schema.name()).isEqualTo(t);
                Map<String, Schema> fields = new HashMap<>();
                for (Field f : schema.fields()) {
                    fields.put(f.name().toLowerCase(java.util.Locale.ROOT), f.schema());
                }
                assertThat(fields.get("id")).isEqualTo(Schema.INT64_SCHEMA);
                assertThat(fields.get("s")).isEqualTo(Schema.OPTIONAL_INT16_SCHEMA);
                assertThat(fields.get("i")).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
                assertThat(fields.get("f")).isEqualTo(Schema.OPTIONAL_FLOAT32_SCHEMA);
                assertThat(fields.get("d")).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
                assertThat(fields.get("price")).isEqualTo(Decimal.builder(2)
                    .parameter("connect.decimal.precision", "10").optional().build());
                assertThat(fields.get("qty")).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
                assertThat(fields.get("ok")).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
                assertThat(fields.get("txt")).isEqualTo(Schema.STRING_SCHEMA);
                assertThat(fields.get("d_day").name()).isEqualTo("org.apache.kafka.connect.data.Date");
                assertThat(fields.get("tod").name()).isEqualTo("org.apache.kafka.connect.data.Time");
                assertThat(fields.get("at_ts").name()).isEqualTo("org.apache.kafka.connect.data.Timestamp");
                assertThat(fields.get("raw")).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);

                Object v = records.get(0).value();
                assertThat(field(v, "s")).isEqualTo((short) 2);
                assertThat(field(v, "i")).isEqualTo(3);
                assertThat(field(v, "f")).isEqualTo(1.5f);
                assertThat(field(v, "d")).isEqualTo(2.25);
                assertThat(field(v, "price")).isEqualTo(new BigDecimal("12.50"));
                assertThat(field(v, "qty")).isEqualTo(42);
                assertThat(field(v, "ok")).isEqualTo(true);
                assertThat(field(v, "txt")).isEqualTo("hé");
                assertThat(field(v, "d_day")).isEqualTo((int) java.time.LocalDate.of(2026, 3, 4).toEpochDay());
                assertThat(field(v, "tod")).isEqualTo(3_723_000);
                assertThat(field(v, "at_ts")).isEqualTo(java.time.Instant.parse("2026-03-04T05:06:07.890Z").toEpochMilli());
                Object nulls = records.get(1).value();
                for (String f : List.of("s", "i", "f", "d", "price", "qty", "ok", "d_day", "tod", "at_ts", "raw")) {
                    assertThat(field(nulls, f)).as(f).isNull();
                }
            } finally {
                db.drop(c, t);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void numericMappingChoosesIntegersDecimalsOrDoubles(TestDatabase db) throws Exception {
        String t = db.uniqueTable("numerics");
        try (Connection c = db.connect()) {
            TestDatabase.execute(c, "CREATE TABLE " + t + " (id BIGINT NOT NULL, n2 NUMERIC(2,0), n5 NUMERIC(5,0), "
                + "n18 DECIMAL(18,0), n30 NUMERIC(30,0), money NUMERIC(10,2), fine NUMERIC(30,4))",
                "INSERT INTO " + t + " VALUES (1, -12, 12345, 123456789012345678, 123456789012345678901234567890, "
                    + "-12345678.90, 12345678901234567890123456.0001)");
            try {
                Map<String, Map<String, Object>> byMode = new HashMap<>();
                Map<String, Map<String, Schema>> schemas = new HashMap<>();
                for (String mode : List.of("none", "precision_only", "best_fit", "best_fit_eager_double")) {
                    SourceTasks tasks = new SourceTasks();
                    Map<String, String> p = db.connectorProps();
                    p.putAll(Map.of("mode", "bulk", "table.whitelist", t, "topic.prefix", "", "numeric.mapping",
                        mode));
                    JdbcSourceTask task = tasks.start(p);
                    List<SourceRecord> records;
                    try {
                        records = SourceTasks.poll(task);
                    } finally {
                        task.stop();
                    }
                    Map<String, Object> values = new HashMap<>();
                    Map<String, Schema> types = new HashMap<>();
                    for (Field f : records.get(0).valueSchema().fields()) {
                        String name = f.name().toLowerCase(java.util.Locale.ROOT);
                        values.put(name, field(records.get(0).value(), f.name()));
                        types.put(name, f.schema());
                    }
                    byMode.put(mode, values);
                    schemas.put(mode, types);
                }
                BigDecimal n30 = new BigDecimal("123456789012345678901234567890");
                BigDecimal money = new BigDecimal("-12345678.90");
                BigDecimal fine = new BigDecimal("12345678901234567890123456.0001");
                // none: every one exact, at the column's scale (Confluent's default).
                assertThat(byMode.get("none")).containsEntry("n2", new BigDecimal("-12"))
                    .containsEntry("n18", new BigDecimal("123456789012345678")).containsEntry("n30", n30)
                    .containsEntry("money", money).containsEntry("fine", fine);
                assertThat(schemas.get("none").get("money")).isEqualTo(Decimal.builder(2)
                    .parameter("connect.decimal.precision", "10").optional().build());
                // precision_only (our default): integers by precision, the rest exact.
                assertThat(byMode.get("precision_only")).containsEntry("n2", (byte) -12).containsEntry("n5", 12345)
                    .containsEntry("n18", 123456789012345678L).containsEntry("n30", n30).containsEntry("money", money)
                    .containsEntry("fine", fine);
                assertThat(schemas.get("precision_only").get("n5")).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
                assertThat(schemas.get("precision_only").get("n30")).isEqualTo(Decimal.builder(0)
                    .parameter("connect.decimal.precision", "30").optional().build());
                // best_fit: fractions of precision up to 18 as doubles; best_fit_eager_double: every fraction.
                assertThat(byMode.get("best_fit")).containsEntry("n5", 12345).containsEntry("money", -12345678.90)
                    .containsEntry("fine", fine);
                assertThat(byMode.get("best_fit_eager_double")).containsEntry("money", -12345678.90)
                    .containsEntry("fine", fine.doubleValue()).containsEntry("n30", n30);
                if (db == TestDatabase.POSTGRES) {
                    // An unconstrained numeric has no scale to give a Decimal: its exact text.
                    TestDatabase.execute(c, "ALTER TABLE " + t + " ADD COLUMN free NUMERIC",
                        "UPDATE " + t + " SET free = 1.000000000000000000001");
                    SourceTasks tasks = new SourceTasks();
                    Map<String, String> p = db.connectorProps();
                    p.putAll(Map.of("mode", "bulk", "table.whitelist", t, "topic.prefix", ""));
                    JdbcSourceTask task = tasks.start(p);
                    try {
                        SourceRecord r = SourceTasks.poll(task).get(0);
                        assertThat(r.valueSchema().field("free").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
                        assertThat(field(r.value(), "free")).isEqualTo("1.000000000000000000001");
                    } finally {
                        task.stop();
                    }
                }
            } finally {
                db.drop(c, t);
            }
        }
    }
}
