package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.sink.SinkRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC sink task against H2, PostgreSQL and MariaDB, fed records directly (no broker). */
class JdbcSinkTaskTest {
    private static final Schema USER_V1 = SchemaBuilder.struct().name("user")
        .field("id", Schema.INT64_SCHEMA)
        .field("name", Schema.OPTIONAL_STRING_SCHEMA)
        .field("born", SchemaBuilder.type(Schema.Type.INT32).name(ColumnType.DATE_NAME).optional().build())
        .field("seen", SchemaBuilder.type(Schema.Type.INT64).name(ColumnType.TIMESTAMP_NAME).optional().build())
        .field("active", Schema.BOOLEAN_SCHEMA)
        .build();
    private static final Schema USER_V2 = SchemaBuilder.struct().name("user")
        .field("id", Schema.INT64_SCHEMA)
        .field("name", Schema.OPTIONAL_STRING_SCHEMA)
        .field("born", SchemaBuilder.type(Schema.Type.INT32).name(ColumnType.DATE_NAME).optional().build())
        .field("seen", SchemaBuilder.type(Schema.Type.INT64).name(ColumnType.TIMESTAMP_NAME).optional().build())
        .field("active", Schema.BOOLEAN_SCHEMA)
        .field("email", Schema.OPTIONAL_STRING_SCHEMA)
        .build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();

    private final List<Runnable> cleanup = new ArrayList<>();
    private long offset;

    @AfterEach
    void cleanUp() {
        cleanup.forEach(Runnable::run);
    }

    private Connection connect(TestDatabase db) {
        Connection c = db.connect();
        cleanup.add(() -> {
            try {
                c.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return c;
    }

    private String topic(TestDatabase db, Connection c) {
        String t = db.uniqueTable("sink");
        cleanup.add(0, () -> db.drop(c, t));
        return t;
    }

    private JdbcSinkTask start(TestDatabase db, String... keyValues) {
        Map<String, String> props = db.connectorProps();
        props.put("topics", "unused");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        JdbcSinkTask task = new JdbcSinkTask();
        task.start(props);
        cleanup.add(0, task::stop);
        return task;
    }

    private static Struct user(Schema schema, long id, String name) {
        Struct s = new Struct(schema).put("id", id).put("name", name).put("active", id % 2 == 0)
            .put("born", (int) LocalDate.of(1990, 1, (int) id).toEpochDay())
            .put("seen", 1_767_225_600_000L + id * 1000);
        return schema == USER_V2 ? s.put("email", name + "@example.com") : s;
    }

    private SinkRecord record(String topic, Schema keySchema, Object key, Schema valueSchema, Object value) {
        return new SinkRecord(topic, 0, keySchema, key, valueSchema, value, offset++, null);
    }

    private SinkRecord value(String topic, Struct value) {
        return record(topic, null, null, value.schema(), value);
    }

    /** Rows ordered by the first column; integers as Long, other values as text. */
    private static List<List<Object>> rows(TestDatabase db, Connection c, String table, String... columns)
        throws SQLException {
        DatabaseDialect d = DatabaseDialect.forUrl(db.url);
        String cols = String.join(", ", Arrays.stream(columns).map(d::quote).toList());
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + cols + " FROM " + d.quote(table) + " ORDER BY "
                 + d.quote(columns[0]))) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.length; i++) {
                    Object o = rs.getObject(i);
                    row.add(o instanceof Integer || o instanceof Short || o instanceof Byte || o instanceof Long
                        ? (Object) ((Number) o).longValue() : o instanceof Boolean b ? b : o == null ? null
                        : o.toString());
                }
                out.add(row);
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void upsertByValueFieldsCreatesTheTableAndUpdatesRows(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = topic(db, c);
        JdbcSinkTask task = start(db, "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id",
            "auto.create", "true", "batch.size", "2");
        task.put(List.of(value(t, user(USER_V1, 1, "ann")), value(t, user(USER_V1, 2, "bob")),
            value(t, user(USER_V1, 3, "cy"))));
        task.put(List.of(value(t, user(USER_V1, 2, "bobby")), value(t, user(USER_V1, 4, "dee")),
            value(t, user(USER_V1, 2, "robert"))));

        assertThat(rows(db, c, t, "id", "name", "active")).containsExactly(List.of(1L, "ann", false),
            List.of(2L, "robert", true), List.of(3L, "cy", false), List.of(4L, "dee", true));
        assertThat(rows(db, c, t, "id", "born", "seen").get(0)).containsExactly(1L, "1990-01-01",
            "2026-01-01 00:00:01.0");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void recordKeysMakeTheKeyAndTombstonesDelete(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = topic(db, c);
        JdbcSinkTask task = start(db, "insert.mode", "upsert", "pk.mode", "record_key", "auto.create", "true",
            "delete.enabled", "true");
        Schema value = SchemaBuilder.struct().field("name", Schema.STRING_SCHEMA).build();
        task.put(List.of(
            record(t, KEY, new Struct(KEY).put("id", 1L), value, new Struct(value).put("name", "one")),
            record(t, KEY, new Struct(KEY).put("id", 2L), value, new Struct(value).put("name", "two")),
            record(t, KEY, new Struct(KEY).put("id", 3L), value, new Struct(value).put("name", "three")),
            record(t, KEY, new Struct(KEY).put("id", 2L), null, null),
            record(t, KEY, new Struct(KEY).put("id", 3L), value, new Struct(value).put("name", "THREE"))));
        assertThat(rows(db, c, t, "id", "name")).containsExactly(List.of(1L, "one"), List.of(3L, "THREE"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aPrimitiveKeyIsTheOneColumnOfPkFields(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = topic(db, c);
        JdbcSinkTask task = start(db, "insert.mode", "upsert", "pk.mode", "record_key", "pk.fields", "sku",
            "auto.create", "true");
        Map<String, Object> v1 = Map.of("qty", 1L);
        Map<String, Object> v2 = Map.of("qty", 5L);
        task.put(List.of(record(t, Schema.STRING_SCHEMA, "A-1", null, v1), record(t, null, "B-2", null, v1),
            record(t, Schema.STRING_SCHEMA, "A-1", null, v2)));
        assertThat(rows(db, c, t, "sku", "qty")).containsExactly(List.of("A-1", 5L), List.of("B-2", 1L));
        assertThatThrownBy(() -> start(db, "pk.mode", "record_key").put(List.of(record(t, null, "x", null, v1))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("pk.fields : [] (expected: exactly one");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertModeFailsOnADuplicateKeyAndCommitsNothingOfThatBatch(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = topic(db, c);
        JdbcSinkTask task = start(db, "pk.mode", "record_value", "pk.fields", "id", "auto.create", "true");
        task.put(List.of(value(t, user(USER_V1, 1, "ann"))));
        assertThatThrownBy(() -> task.put(List.of(value(t, user(USER_V1, 2, "bob")), value(t, user(USER_V1, 1,
            "again"))))).isInstanceOf(ConnectException.class).hasMessageContaining("writing 2 records");
        assertThat(rows(db, c, t, "id", "name")).containsExactly(List.of(1L, "ann"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateModeUpdatesExistingRowsOnly(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = topic(db, c);
        TestDatabase.execute(c, "CREATE TABLE " + t + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(20))",
            "INSERT INTO " + t + " VALUES (1, 'a')", "INSERT INTO " + t + " VALUES (2, 'b')");
        JdbcSinkTask task = start(db, "insert.mode", "update", "pk.mode", "record_value", "pk.fields", "id");
        Schema s = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("name", Schema.STRING_SCHEMA).build();
        task.put(List.of(value(t, new Struct(s).put("id", 2L).put("name", "B")),
            value(t, new Struct(s).put("id", 9L).put("name", "nobody"))));
        // The table was created unquoted (upper case in H2): the sink finds it and its columns ignoring case.
        assertThat(TestDatabase.rows(c, "SELECT id, name FROM " + t + " ORDER BY id"))
            .containsExactly(List.of("1", "a"), List.of("2", "B"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void autoEvolveAddsMissingNullableColumns(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = topic(db, c);
        JdbcSinkTask fixed = start(db, "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id",
            "auto.create", "true");
        fixed.put(List.of(value(t, user(USER_V1, 1, "ann"))));
        assertThatThrownBy(() -> fixed.put(List.of(value(t, user(USER_V2, 2, "bob")))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("has no column [email]")
            .hasMessageContaining("auto.evolve=true");

        JdbcSinkTask evolving = start(db, "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id",
            "auto.evolve", "true");
        evolving.put(List.of(value(t, user(USER_V2, 2, "bob")), value(t, user(USER_V1, 3, "cy"))));
        assertThat(rows(db, c, t, "id", "name", "email")).containsExactly(Arrays.asList(1L, "ann", null),
            List.of(2L, "bob", "bob@example.com"), Arrays.asList(3L, "cy", null));

        Schema required = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("rank", Schema.INT32_SCHEMA)
            .build();
        assertThatThrownBy(() -> evolving.put(List.of(value(t, new Struct(required).put("id", 4L).put("rank", 1)))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("cannot add column rank")
            .hasMessageContaining("not optional");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void schemalessJsonMapsInferTheColumnTypes(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = topic(db, c);
        JdbcSinkTask task = start(db, "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id",
            "auto.create", "true", "auto.evolve", "true");
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", 1L);
        first.put("name", "ann");
        first.put("score", 1.5);
        first.put("active", true);
        first.put("tags", List.of("x", "y"));
        first.put("address", Map.of("city", "Paris"));
        first.put("note", null);
        Map<String, Object> second = new LinkedHashMap<>(first);
        second.put("id", 2L);
        second.put("note", "later");
        Map<String, Object> third = new HashMap<>(Map.of("id", 3L, "name", "cy", "extra", 7L));
        task.put(List.of(record(t, null, null, null, first), record(t, null, null, null, second),
            record(t, null, null, null, third)));

        List<List<Object>> rows = rows(db, c, t, "id", "name", "score", "active", "tags", "address", "note",
            "extra");
        assertThat(rows.get(0)).containsExactly(1L, "ann", "1.5", true, "[\"x\",\"y\"]", "{\"city\":\"Paris\"}",
            null, null);
        assertThat(rows.get(1)).element(6).isEqualTo("later");
        assertThat(rows.get(2)).containsExactly(3L, "cy", null, null, null, null, null, 7L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void recordsItCannotWriteFailWithTheReason(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = topic(db, c);
        JdbcSinkTask create = start(db, "pk.mode", "record_value", "pk.fields", "id", "auto.create", "true");
        assertThatThrownBy(() -> create.put(List.of(record(t, null, null, null, null))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("cannot write record " + t + "-0@")
            .hasMessageContaining("the value is null (a tombstone); set delete.enabled=true");
        assertThatThrownBy(() -> create.put(List.of(record(t, null, null, null, Map.of("name", "x")))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("primary key field id is missing");
        assertThatThrownBy(() -> create.put(List.of(record(t, null, null, null,
            Map.of("id", 1L, "ref", java.util.UUID.randomUUID())))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("field ref : java.util.UUID");
        assertThatThrownBy(() -> create.put(List.of(record(t, null, null, Schema.STRING_SCHEMA, "text"))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("(expected: a Struct, or a Map");
        JdbcSinkTask noCreate = start(db);
        assertThatThrownBy(() -> noCreate.put(List.of(record(t, null, null, null, Map.of("id", 1L)))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("table " + t + " does not exist")
            .hasMessageContaining("auto.create=true");
    }
}
