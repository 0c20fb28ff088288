package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.SourceTasks.field;
import static io.tributary.connect.jdbc.SourceTasks.ids;
import static io.tributary.connect.jdbc.SourceTasks.poll;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.source.SourceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC source task's modes against H2, PostgreSQL and MariaDB, with a manual clock and no broker. */
class JdbcSourceTaskTest {
    private final SourceTasks tasks = new SourceTasks();
    private final List<Runnable> cleanup = new ArrayList<>();

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

    /** A new table {@code (id BIGINT PRIMARY KEY, name VARCHAR(50), ts <timestamp>)}, dropped after the test. */
    private String table(TestDatabase db, Connection c) throws SQLException {
        String t = db.uniqueTable("src");
        TestDatabase.execute(c, "CREATE TABLE " + t + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50), ts "
            + db.timestampType + " NOT NULL)");
        cleanup.add(0, () -> db.drop(c, t));
        return t;
    }

    private JdbcSourceTask start(TestDatabase db, String table, String mode, Map<String, String> extra) {
        Map<String, String> props = db.connectorProps();
        props.put("mode", mode);
        props.put("table.whitelist", table);
        props.put("topic.prefix", "db-");
        props.put("incrementing.column.name", "id");
        props.put("timestamp.column.name", "ts");
        props.put("poll.interval.ms", "1000");
        props.putAll(extra);
        JdbcSourceTask task = tasks.start(props);
        cleanup.add(0, task::stop);
        return task;
    }

    private LocalDateTime now(long offsetMs) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(tasks.time.milliseconds() + offsetMs), ZoneOffset.UTC);
    }

    private static void insert(Connection c, String table, long id, String name, LocalDateTime ts)
        throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, name, ts) VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, name);
            ps.setObject(3, ts);
            ps.executeUpdate();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void incrementingReadsOnlyNewRowsInBatchesAndResumesAfterTheStoredOffset(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = table(db, c);
        for (long id = 1; id <= 5; id++) {
            insert(c, t, id, "n" + id, now(-60_000));
        }
        JdbcSourceTask task = start(db, t, "incrementing", Map.of("batch.max.rows", "2"));

        List<SourceRecord> first = poll(task);
        assertThat(ids(first)).containsExactly(1L, 2L);
        assertThat(first.get(0).topic()).isEqualTo("db-" + t);
        assertThat(first.get(0).sourcePartition()).isEqualTo(Map.of("table", t));
        assertThat(first.get(1).sourceOffset()).isEqualTo(Map.of("incrementing", 2L));
        assertThat(field(first.get(0).value(), "name")).isEqualTo("n1");
        tasks.store(first);
        assertThat(ids(poll(task))).containsExactly(3L, 4L);
        assertThat(ids(tasks.drain(task))).containsExactly(5L);

        insert(c, t, 6, "n6", now(0));
        insert(c, t, 7, "n7", now(0));
        tasks.time.sleep(1000);
        assertThat(ids(tasks.drain(task))).containsExactly(6L, 7L);
        task.stop();

        // A restart from the offset stored after id 2 reads 3..7 once: no duplicate, no gap.
        tasks.offsets.put(Map.of("table", t), Map.of("incrementing", 2L));
        assertThat(ids(tasks.drain(start(db, t, "incrementing", Map.of("batch.max.rows", "2")))))
            .containsExactly(3L, 4L, 5L, 6L, 7L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void timestampIncrementingKeepsEqualTimestampsSplitAcrossBatchesAndRestarts(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = table(db, c);
        LocalDateTime same = now(-60_000).withNano(123_456_000);
        for (long id = 1; id <= 5; id++) {
            insert(c, t, id, "same", same);
        }
        insert(c, t, 6, "later", same.plusSeconds(1));
        Map<String, String> small = Map.of("batch.max.rows", "2");
        JdbcSourceTask task = start(db, t, "timestamp+incrementing", small);

        List<SourceRecord> first = poll(task);
        assertThat(ids(first)).containsExactly(1L, 2L);
        @SuppressWarnings("unchecked")
        Map<String, Object> afterTwo = (Map<String, Object>) first.get(1).sourceOffset();
        assertThat(afterTwo).containsEntry("incrementing", 2L)
            .containsEntry("timestamp", same.toInstant(ZoneOffset.UTC).toEpochMilli())
            .containsEntry("timestamp_nanos", 123_456_000L);
        assertThat(ids(tasks.drain(task))).containsExactly(3L, 4L, 5L, 6L);
        task.stop();

        // Restart between two rows of the same timestamp: the query (ts = last AND id > 2) OR ts > last finds the
        // rest of the group, in batches of two again.
        tasks.offsets.put(Map.of("table", t), afterTwo);
        JdbcSourceTask restarted = start(db, t, "timestamp+incrementing", small);
        assertThat(ids(poll(restarted))).containsExactly(3L, 4L);
        assertThat(ids(tasks.drain(restarted))).containsExactly(5L, 6L);

        // An update moves a row's timestamp forward: it is read again, as the new version.
        TestDatabase.execute(c, "UPDATE " + t + " SET name = 'changed', ts = ts + INTERVAL '2' SECOND WHERE id = 1"
            .replace("INTERVAL '2' SECOND", db == TestDatabase.MARIADB ? "INTERVAL 2 SECOND" : "INTERVAL '2' SECOND"));
        tasks.time.sleep(1000);
        List<SourceRecord> updated = tasks.drain(restarted);
        assertThat(ids(updated)).containsExactly(1L);
        assertThat(field(updated.get(0).value(), "name")).isEqualTo("changed");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theDelayKeepsARowCommittedLateWithAnOlderTimestamp(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String delayed = table(db, c);
        String undelayed = table(db, c);
        for (String t : List.of(delayed, undelayed)) {
            insert(c, t, 1, "old", now(-20_000));
            insert(c, t, 2, "recent", now(-2_000));
        }
        JdbcSourceTask withDelay = start(db, delayed, "timestamp+incrementing",
            Map.of("timestamp.delay.interval.ms", "10000"));
        JdbcSourceTask withoutDelay = start(db, undelayed, "timestamp+incrementing", Map.of());
        // Row 2 is younger than the 10 s delay: not read yet.
        assertThat(ids(tasks.drain(withDelay))).containsExactly(1L);
        assertThat(ids(tasks.drain(withoutDelay))).containsExactly(1L, 2L);

        // A transaction that began earlier commits now, with a timestamp older than row 2's.
        for (String t : List.of(delayed, undelayed)) {
            insert(c, t, 3, "late", now(-5_000));
        }
        tasks.time.sleep(20_000);
        assertThat(ids(tasks.drain(withDelay))).as("within the delay, the late row is read, in timestamp order")
            .containsExactly(3L, 2L);
        assertThat(ids(tasks.drain(withoutDelay))).as("without a delay it is behind the offset: skipped").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void timestampModeNeverSkipsTheRestOfAGroupCutByARestart(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = table(db, c);
        LocalDateTime ts = now(-60_000);
        insert(c, t, 1, "a", ts);
        insert(c, t, 2, "b", ts);
        insert(c, t, 3, "c", ts);
        insert(c, t, 4, "d", ts.plusSeconds(1));
        Map<String, String> small = Map.of("batch.max.rows", "2");
        JdbcSourceTask task = start(db, t, "timestamp", small);

        List<SourceRecord> first = poll(task);
        assertThat(first).extracting(r -> field(r.value(), "name")).containsExactly("a", "b");
        // Row c shares the timestamp: the group is not complete, so the offset has not moved to it.
        assertThat(first.get(1).sourceOffset()).isEmpty();
        List<SourceRecord> rest = tasks.drain(task);
        assertThat(rest).extracting(r -> field(r.value(), "name")).containsExactly("c", "d");
        assertThat(new HashMap<String, Object>(rest.get(0).sourceOffset())).containsEntry("timestamp",
            ts.toInstant(ZoneOffset.UTC).toEpochMilli()).doesNotContainKey("incrementing");
        task.stop();

        // Restart after b: the whole group is read again (duplicates a and b), nothing is skipped.
        tasks.offsets.put(Map.of("table", t), first.get(1).sourceOffset());
        JdbcSourceTask restarted = start(db, t, "timestamp", small);
        assertThat(tasks.drain(restarted)).extracting(r -> field(r.value(), "name"))
            .containsExactly("a", "b", "c", "d");
        insert(c, t, 5, "e", ts.plusSeconds(2));
        tasks.time.sleep(1000);
        assertThat(tasks.drain(restarted)).extracting(r -> field(r.value(), "name")).containsExactly("e");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void bulkReadsTheWholeTableAtEveryInterval(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = table(db, c);
        insert(c, t, 1, "a", now(0));
        insert(c, t, 2, "b", now(0));
        JdbcSourceTask task = start(db, t, "bulk", Map.of());
        List<SourceRecord> first = tasks.drain(task);
        assertThat(first).hasSize(2).allSatisfy(r -> assertThat(r.sourceOffset()).isNull());
        insert(c, t, 3, "c", now(0));
        assertThat(tasks.drain(task)).as("not due yet").isEmpty();
        tasks.time.sleep(1000);
        assertThat(tasks.drain(task)).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aQueryIsReadIntoThePrefixTopic(TestDatabase db) throws Exception {
        Connection c = connect(db);
        String t = table(db, c);
        insert(c, t, 1, "keep", now(0));
        insert(c, t, 2, "skip", now(0));
        insert(c, t, 3, "keep", now(0));
        Map<String, String> props = new HashMap<>(Map.of("query", "SELECT id, name FROM " + t
            + " WHERE name <> 'skip'", "table.whitelist", "", "topic.prefix", "kept"));
        JdbcSourceTask task = start(db, t, "incrementing", props);
        List<SourceRecord> records = tasks.drain(task);
        assertThat(ids(records)).containsExactly(1L, 3L);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("kept");
            assertThat(r.sourcePartition()).isEqualTo(Map.of("query", "query"));
            assertThat(r.valueSchema().fields()).hasSize(2);
        });
        assertThat(records.get(1).sourceOffset()).isEqualTo(Map.of("incrementing", 3L));
    }
}
