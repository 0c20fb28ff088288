package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.connect.runtime.TaskState;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import io.tributary.record.Header;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDBC sink with Kafka Connect's error handling, end to end (embedded broker, JSON with schemas, each database):
 * records it cannot write go to the dead letter queue with {@code errors.tolerance=all} while the others are written,
 * and fail the task with {@code none}, offsets never committed past them.
 */
@EmbeddedBroker(properties = {"num.partitions=1"})
class JdbcSinkErrorsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ROW_SCHEMA = "{\"type\":\"struct\",\"name\":\"row\",\"optional\":false,\"fields\":["
        + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
        + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
        + "{\"field\":\"qty\",\"type\":\"int32\",\"optional\":true}]}";
    private static final String NO_ID_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
        + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true}]}";

    @BootstrapServers
    static String bootstrap;

    @TempDir
    Path dir;

    private static String row(long id, String name) {
        return "{\"schema\":" + ROW_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"name\":"
            + (name == null ? "null" : "\"" + name + "\"") + ",\"qty\":" + id * 10 + "}}";
    }

    private Map<String, String> worker() {
        return Map.of(
            "bootstrap.servers", bootstrap,
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.json.JsonConverter",
            "offset.storage.file.filename", dir.resolve("offsets").toString(),
            "offset.flush.interval.ms", "100",
            "listeners", "http://127.0.0.1:0");
    }

    private static Map<String, String> sink(TestDatabase db, String name, String topic, String table) {
        Map<String, String> m = db.connectorProps();
        m.putAll(Map.of("name", name, "connector.class", "JdbcSink", "topics", topic, "table.name.format", table,
            "pk.mode", "record_value", "pk.fields", "id", "batch.size", "50"));
        return m;
    }

    /** The test's own table: a short name column that may not be null, so the database refuses some rows. */
    private static void createTable(TestDatabase db, Connection c, String table) throws SQLException {
        TestDatabase.execute(c, "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(10) NOT NULL, "
            + "qty INTEGER)");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withToleranceAllRecordsItCannotWriteGoToTheDeadLetterQueueAndTheRestIsWritten(TestDatabase db)
        throws Exception {
        try (Connection c = db.connect()) {
            String table = db.uniqueTable("errs_all");
            String topic = "errs-" + table;
            String dlq = topic + "-dlq";
            createTable(db, c, table);
            ConnectStandalone connect = null;
            try {
                List<String> values = new ArrayList<>(List.of(
                    row(1, "ann"),                                              // 0 written
                    row(2, "bob")));                                            // 1 written
                values.add(null);                                               // 2 tombstone, no delete.enabled
                values.addAll(List.of(
                    "{\"schema\":" + NO_ID_SCHEMA + ",\"payload\":{\"name\":\"x\"}}", // 3 no primary key field
                    row(4, "much too long for ten"),                            // 4 the database: too long
                    row(5, null),                                               // 5 the database: NOT NULL
                    "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"just text\"}", // 6 not a row
                    row(7, "gus"),                                              // 7 written
                    row(1, "ann again")));                                      // 8 the database: duplicate key
                produce(topic, values);

                Map<String, String> props = sink(db, "jdbc-dlq", topic, table);
                props.putAll(Map.of("errors.tolerance", "all", "errors.deadletterqueue.topic.name", dlq,
                    "errors.deadletterqueue.topic.replication.factor", "1",
                    "errors.deadletterqueue.context.headers.enable", "true"));
                connect = ConnectStandalone.start(worker(), List.of(props));

                await().atMost(WAIT).until(() -> committed("connect-jdbc-dlq", topic) == 9);
                assertThat(connect.worker().taskStates("jdbc-dlq")).extracting(TaskState::state)
                    .containsOnly(TaskState.State.RUNNING);
                assertThat(TestDatabase.rows(c, "SELECT id, name, qty FROM " + table + " ORDER BY id"))
                    .containsExactly(List.of("1", "ann", "10"), List.of("2", "bob", "20"), List.of("7", "gus", "70"));

                List<ConsumerRecord<byte[], byte[]>> dead = read(dlq, 6);
                assertThat(dead).extracting(r -> header(r, "__connect.errors.offset"))
                    .containsExactlyInAnyOrder("2", "3", "4", "5", "6", "8");
                for (ConsumerRecord<byte[], byte[]> r : dead) {
                    int offset = Integer.parseInt(header(r, "__connect.errors.offset"));
                    // As read from the topic: the very bytes produced.
                    assertThat(r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8))
                        .isEqualTo(values.get(offset));
                    assertThat(header(r, "__connect.errors.topic")).isEqualTo(topic);
                    assertThat(header(r, "__connect.errors.partition")).isEqualTo("0");
                    assertThat(header(r, "__connect.errors.connector.name")).isEqualTo("jdbc-dlq");
                    assertThat(header(r, "__connect.errors.stage")).isEqualTo("TASK_PUT");
                    assertThat(header(r, "__connect.errors.class.name")).isEqualTo(JdbcSinkTask.class.getName());
                    assertThat(header(r, "__connect.errors.exception.stacktrace")).contains("\tat ");
                }
                Map<String, String> messages = new HashMap<>();
                Map<String, String> classes = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : dead) {
                    messages.put(header(r, "__connect.errors.offset"),
                        header(r, "__connect.errors.exception.message").toLowerCase(Locale.ROOT));
                    classes.put(header(r, "__connect.errors.offset"), header(r, "__connect.errors.exception.class.name"));
                }
                assertThat(messages.get("2")).contains("the value is null (a tombstone)");
                assertThat(messages.get("3")).contains("primary key field id is missing");
                assertThat(messages.get("6")).contains("the record value is a string");
                List.of("2", "3", "6").forEach(o -> assertThat(classes.get(o))
                    .isEqualTo("io.tributary.connect.errors.ConnectException"));
                // The database's own errors, in its words.
                assertThat(messages.get("4")).containsAnyOf("too long", "value too long");
                assertThat(messages.get("5")).contains("null").contains("name");
                assertThat(messages.get("8")).containsAnyOf("duplicate", "unique", "primary key");
                List.of("4", "5", "8").forEach(o -> assertThat(classes.get(o)).isNotEqualTo(
                    "io.tributary.connect.errors.ConnectException"));
            } finally {
                if (connect != null) {
                    connect.close();
                }
                db.drop(c, table);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withToleranceNoneARowTheDatabaseRefusesFailsTheTaskAndNothingPastItIsCommitted(TestDatabase db)
        throws Exception {
        try (Connection c = db.connect()) {
            String table = db.uniqueTable("errs_none");
            String topic = "errs-" + table;
            createTable(db, c, table);
            ConnectStandalone connect = null;
            try {
                produce(topic, List.of(row(1, "ann"), row(2, "bob")));
                connect = ConnectStandalone.start(worker(), List.of(sink(db, "jdbc-none", topic, table)));
                await().atMost(WAIT).until(() -> committed("connect-jdbc-none", topic) == 2);

                produce(topic, List.of(row(3, "far too long a name"), row(4, "dee")));
                ConnectStandalone running = connect;
                await().atMost(WAIT).until(() -> running.worker().taskStates("jdbc-none").get(0).state()
                    == TaskState.State.FAILED);
                Throwable failure = connect.worker().taskStates("jdbc-none").get(0).failure();
                assertThat(failure).hasMessageContaining("Tolerance exceeded in error handler")
                    .hasMessageContaining("TASK_PUT").hasMessageContaining("topic " + topic + " partition 0 offset 2");
                assertThat(failure.getMessage().toLowerCase(Locale.ROOT)).contains("too long");
                assertThat(committed("connect-jdbc-none", topic)).as("never past the refused row").isEqualTo(2);
                assertThat(TestDatabase.rows(c, "SELECT id, name FROM " + table + " ORDER BY id"))
                    .containsExactly(List.of("1", "ann"), List.of("2", "bob"));
            } finally {
                if (connect != null) {
                    connect.close();
                }
                db.drop(c, table);
            }
        }
    }

    private static void produce(String topic, List<String> values) throws Exception {
        try (TributaryProducer<byte[], byte[]> p = TributaryProducer.create(Map.of("bootstrap.servers", bootstrap),
                Serdes.byteArray().serializer(), Serdes.byteArray().serializer())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8),
                    v == null ? null : v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    /** The group's committed offset for partition 0, or -1. */
    private static long committed(String group, String topic) {
        try (Admin admin = TributaryAdmin.create(bootstrap)) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).get().get(new TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int n) {
        try (TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(Map.of("bootstrap.servers",
                bootstrap, "auto.offset.reset", "earliest"), Serdes.byteArray().deserializer(),
                Serdes.byteArray().deserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
                return got.size() >= n;
            });
            assertThat(got).hasSize(n);
            return got;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        for (Header h : r.headers()) {
            if (h.key().equals(key)) {
                return h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
