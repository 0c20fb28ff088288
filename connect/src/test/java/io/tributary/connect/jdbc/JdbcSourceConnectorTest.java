package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.SourceTasks.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.source.SourceRecord;
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
                assertThat(fields.get("price")).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
                assertThat(fields.get("qty")).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
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
                assertThat(field(v, "price")).isEqualTo("12.50");
                assertThat(field(v, "qty")).isEqualTo(42L);
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
}
