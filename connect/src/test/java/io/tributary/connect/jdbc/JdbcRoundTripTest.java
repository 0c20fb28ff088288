package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.connect.runtime.TaskState;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** table → topic → table through the standalone runtime and the embedded broker, on each database. */
@EmbeddedBroker(properties = {"num.partitions=1"})
class JdbcRoundTripTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BootstrapServers
    static String bootstrap;

    @TempDir
    Path dir;

    private Map<String, String> worker(String offsets, boolean schemas) {
        return Map.of(
            "bootstrap.servers", bootstrap,
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable", String.valueOf(schemas),
            "offset.storage.file.filename", dir.resolve(offsets).toString(),
            "offset.flush.interval.ms", "100",
            "listeners", "http://127.0.0.1:0");
    }

    private static void upsertRow(Connection c, String table, long id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET name = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setObject(2, LocalDateTime.now(ZoneOffset.UTC));
            ps.setLong(3, id);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
            + " (id, name, qty, updated_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, name);
            ps.setInt(3, (int) id * 10);
            ps.setObject(4, LocalDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rowsAndTheirUpdatesArriveOnceInTheSinkTableAcrossASourceRestart(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            String src = db.uniqueTable("rt_src");
            String dst = db.uniqueTable("rt_dst");
            String topic = "rt-" + src;
            // The sink quotes the names it creates: in H2 the lower-case name must be quoted too.
            String dstSql = DatabaseDialect.forUrl(db.url).quote(dst);
            TestDatabase.execute(c, "CREATE TABLE " + src + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50) "
                + "NOT NULL, qty INTEGER, updated_at " + db.timestampType + " NOT NULL)");
            ConnectStandalone source = null;
            ConnectStandalone sink = null;
            try {
                for (long i = 1; i <= 20; i++) {
                    upsertRow(c, src, i, "item " + i);
                }
                Map<String, String> sourceProps = db.connectorProps();
                sourceProps.putAll(Map.of("name", "jdbc-source", "connector.class", "JdbcSource",
                    "mode", "timestamp+incrementing", "incrementing.column.name", "id",
                    "timestamp.column.name", "updated_at", "table.whitelist", src, "topic.prefix", "rt-",
                    "poll.interval.ms", "100", "batch.max.rows", "7"));
                source = ConnectStandalone.start(worker("source.offsets", true), List.of(sourceProps));
                await().atMost(WAIT).until(() -> endOffset(topic) >= 20);

                Map<String, String> sinkProps = db.connectorProps();
                sinkProps.putAll(Map.of("name", "jdbc-sink", "connector.class",
                    "io.confluent.connect.jdbc.JdbcSinkConnector", "topics", topic, "table.name.format", dst,
                    "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id", "auto.create", "true",
                    "batch.size", "5"));
                sink = ConnectStandalone.start(worker("sink.offsets", true), List.of(sinkProps));
                await().atMost(WAIT).until(() -> count(c, dstSql) == 20);

                // Updates arrive as new versions of their rows and are upserted.
                upsertRow(c, src, 3, "changed 3");
                upsertRow(c, src, 5, "changed 5");
                upsertRow(c, src, 21, "item 21");
                await().atMost(WAIT).until(() -> rows(c, dstSql).equals(rows(c, src)));

                source.close();
                source = null;
                upsertRow(c, src, 22, "item 22");
                upsertRow(c, src, 3, "changed again");
                source = ConnectStandalone.start(worker("source.offsets", true), List.of(sourceProps));
                await().atMost(WAIT).until(() -> rows(c, dstSql).equals(rows(c, src)));
                assertThat(source.worker().taskStates("jdbc-source")).extracting(TaskState::state)
                    .containsOnly(TaskState.State.RUNNING);
                assertThat(sink.worker().taskStates("jdbc-sink")).extracting(TaskState::state)
                    .containsOnly(TaskState.State.RUNNING);
                // 20 rows, 3 changes before the restart, 2 after: each read exactly once.
                assertThat(endOffset(topic)).as("records in the topic").isEqualTo(25);
                assertThat(rows(c, dstSql)).hasSize(22).contains(List.of("3", "changed again", "30"),
                    List.of("22", "item 22", "220"));
            } finally {
                if (source != null) {
                    source.close();
                }
                if (sink != null) {
                    sink.close();
                }
                db.drop(c, src);
                db.drop(c, dst);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void exactDecimalsRoundTripAsKafkasDecimalIntoColumnsOfTheirScale(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            String src = db.uniqueTable("dec_src");
            String dst = db.uniqueTable("dec_dst");
            String topic = "dec-" + src;
            String dstSql = DatabaseDialect.forUrl(db.url).quote(dst);
            List<List<String>> values = List.of(
                List.of("1", "12.50", "0.0000000001", "7"),
                List.of("2", "-0.01", "-12345678901234567890.0123456789", "-999999999"),
                List.of("3", "9999999999.99", "99999999999999999999.9999999999", "0"),
                List.of("4", "0.00", "0E-10", "1"));
            TestDatabase.execute(c, "CREATE TABLE " + src + " (id BIGINT NOT NULL PRIMARY KEY, price NUMERIC(12,2) "
                + "NOT NULL, rate DECIMAL(30,10), qty NUMERIC(9,0))");
            for (List<String> v : values) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + src + " VALUES (?, ?, ?, ?)")) {
                    ps.setLong(1, Long.parseLong(v.get(0)));
                    for (int i = 1; i < 4; i++) {
                        ps.setBigDecimal(i + 1, new java.math.BigDecimal(v.get(i)));
                    }
                    ps.executeUpdate();
                }
            }
            Map<String, String> sourceProps = db.connectorProps();
            sourceProps.putAll(Map.of("name", "dec-source", "connector.class", "JdbcSource", "mode", "incrementing",
                "incrementing.column.name", "id", "table.whitelist", src, "topic.prefix", "dec-",
                "poll.interval.ms", "100"));
            Map<String, String> sinkProps = db.connectorProps();
            sinkProps.putAll(Map.of("name", "dec-sink", "connector.class", "JdbcSink", "topics", topic,
                "table.name.format", dst, "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id",
                "auto.create", "true"));
            ConnectStandalone connect = ConnectStandalone.start(worker("dec.offsets", true),
                List.of(sourceProps, sinkProps));
            try {
                await().atMost(WAIT).until(() -> count(c, dstSql) == 4);
                // On the topic: Kafka's Decimal, base64 of the unscaled value, with its scale and precision.
                assertThat(firstValue(topic)).contains("{\"type\":\"bytes\",\"optional\":false,"
                    + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":"
                    + "{\"scale\":\"2\",\"connect.decimal.precision\":\"12\"},\"field\":\"")
                    .contains("\"BOI=\"");
                List<List<String>> expected = values.stream().map(v -> List.of(v.get(0),
                    new java.math.BigDecimal(v.get(1)).setScale(2).toPlainString(),
                    new java.math.BigDecimal(v.get(2)).setScale(10).toPlainString(), v.get(3))).toList();
                assertThat(decimals(c, "SELECT id, price, rate, qty FROM " + dstSql + " ORDER BY id"))
                    .isEqualTo(expected).isEqualTo(decimals(c, "SELECT id, price, rate, qty FROM " + src
                        + " ORDER BY id"));
                // The created columns have the source's scale and precision.
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT price, rate, qty FROM " + dstSql)) {
                    var md = rs.getMetaData();
                    assertThat(List.of(md.getPrecision(1), md.getScale(1), md.getPrecision(2), md.getScale(2)))
                        .containsExactly(12, 2, 30, 10);
                    assertThat(md.getColumnType(3)).as("NUMERIC(9,0) travels as INT32").isEqualTo(Types.INTEGER);
                }
            } finally {
                connect.close();
                db.drop(c, src);
                db.drop(c, dst);
            }
        }
    }

    /** Rows as text, decimals in plain notation at their scale. */
    private static List<List<String>> decimals(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    java.math.BigDecimal d = rs.getBigDecimal(i);
                    row.add(d == null ? null : d.toPlainString());
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void schemalessJsonRecordsGetTheirColumnsInferred() throws Exception {
        TestDatabase db = TestDatabase.H2;
        try (Connection c = db.connect()) {
            String src = db.uniqueTable("sl_src");
            String topic = "sl-" + src;
            TestDatabase.execute(c, "CREATE TABLE " + src + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50) "
                + "NOT NULL, qty INTEGER, updated_at TIMESTAMP NOT NULL)");
            for (long i = 1; i <= 5; i++) {
                upsertRow(c, src, i, "item " + i);
            }
            Map<String, String> sourceProps = db.connectorProps();
            sourceProps.putAll(Map.of("name", "src", "connector.class", "JdbcSourceConnector", "mode", "incrementing",
                "incrementing.column.name", "ID", "table.whitelist", src, "topic.prefix", "sl-",
                "poll.interval.ms", "100"));
            Map<String, String> sinkProps = db.connectorProps();
            sinkProps.putAll(Map.of("name", "sink", "connector.class", "JdbcSink", "topics", topic,
                "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "ID", "auto.create", "true"));
            ConnectStandalone source = ConnectStandalone.start(worker("src.offsets", false), List.of(sourceProps));
            ConnectStandalone sink = null;
            try {
                await().atMost(WAIT).until(() -> endOffset(topic) >= 5);
                assertThat(firstValue(topic)).startsWith("{\"ID\":1,\"NAME\":\"item 1\",\"QTY\":10,\"UPDATED_AT\":");
                sink = ConnectStandalone.start(worker("sink.offsets", false), List.of(sinkProps));
                await().atMost(WAIT).until(() -> count(c, "\"" + topic + "\"") == 5);
                assertThat(TestDatabase.rows(c, "SELECT \"ID\", \"NAME\", \"QTY\" FROM \"" + topic
                    + "\" ORDER BY \"ID\"")).element(4).isEqualTo(List.of("5", "item 5", "50"));
                // Inferred from the JSON numbers: integers are BIGINT (the timestamp arrives as epoch ms).
                assertThat(TestDatabase.rows(c, "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '"
                    + topic + "' ORDER BY ORDINAL_POSITION")).extracting(r -> r.get(0))
                    .containsExactly("BIGINT", "CHARACTER VARYING", "BIGINT", "BIGINT");
            } finally {
                source.close();
                if (sink != null) {
                    sink.close();
                }
                db.drop(c, src);
                db.drop(c, topic);
            }
        }
    }

    @Test
    void theExamplePropertiesFilesRunOnH2() throws Exception {
        TestDatabase db = TestDatabase.H2;
        Map<String, String> sourceProps = example("jdbc-source.properties");
        Map<String, String> sinkProps = example("jdbc-sink.properties");
        try (Connection c = DriverManager.getConnection(sourceProps.get("connection.url"), "sa", "")) {
            TestDatabase.execute(c, "CREATE TABLE orders (id BIGINT NOT NULL PRIMARY KEY, item VARCHAR(50) NOT NULL, "
                + "qty INTEGER, updated_at TIMESTAMP NOT NULL)",
                "INSERT INTO orders VALUES (1, 'tea', 2, TIMESTAMP '2026-01-01 10:00:00')",
                "INSERT INTO orders VALUES (2, 'milk', 1, TIMESTAMP '2026-01-01 10:00:00')");
            ConnectStandalone connect = ConnectStandalone.start(worker("example.offsets", true),
                List.of(sourceProps, sinkProps));
            try {
                await().atMost(WAIT).until(() -> count(c, "\"orders_copy\"") == 2);
                assertThat(TestDatabase.rows(c, "SELECT id, item, qty FROM \"orders_copy\" ORDER BY id"))
                    .containsExactly(List.of("1", "tea", "2"), List.of("2", "milk", "1"));
            } finally {
                connect.close();
                db.drop(c, "orders");
                db.drop(c, "orders_copy");
            }
        }
    }

    /** A properties file from connect/config, on an in-memory H2 database of its own. */
    private static Map<String, String> example(String file) throws java.io.IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config", file))) {
            p.load(in);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        assertThat(m.get("connection.url")).isEqualTo("jdbc:h2:./data/shop;AUTO_SERVER=TRUE");
        m.put("connection.url", "jdbc:h2:mem:example;DB_CLOSE_DELAY=-1");
        return m;
    }

    private static long count(Connection c, String table) {
        try {
            return Long.parseLong(TestDatabase.rows(c, "SELECT COUNT(*) FROM " + table).get(0).get(0));
        } catch (SQLException e) {
            return -1;
        }
    }

    /** (id, name, qty) of every row, by id; the sink table's columns found ignoring case. */
    private static List<List<String>> rows(Connection c, String table) {
        try {
            return TestDatabase.rows(c, "SELECT id, name, qty FROM " + table + " ORDER BY id");
        } catch (SQLException e) {
            return new ArrayList<>(List.of(List.of(e.getMessage())));
        }
    }

    private static long endOffset(String topic) {
        try (TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(Map.of("bootstrap.servers",
                bootstrap), Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(List.of(tp)));
            return end.getOrDefault(tp, 0L);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String firstValue(String topic) {
        try (TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(Map.of("bootstrap.servers",
                bootstrap, "auto.offset.reset", "earliest"), Serdes.byteArray().deserializer(),
                Serdes.byteArray().deserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            for (int i = 0; i < 50; i++) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    return new String(r.value(), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }
}
