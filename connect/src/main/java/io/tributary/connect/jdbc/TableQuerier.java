package io.tributary.connect.jdbc;

import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.jdbc.JdbcSourceConfig.Mode;
import io.tributary.connect.source.SourceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one table (or the configured query) in the connector's mode. {@link #execute} runs the mode's query from
 * the current offset; {@link #read} then returns up to {@code batch.max.rows} rows per call, the result set staying
 * open between calls, until it is exhausted. The queries (on a table, or on the query wrapped as a subquery):
 * <pre>
 * incrementing:           WHERE inc &gt; ? ORDER BY inc
 * timestamp:              WHERE ts &gt; ? AND ts &lt; ? ORDER BY ts
 * timestamp+incrementing: WHERE ts &lt; ? AND ((ts = ? AND inc &gt; ?) OR ts &gt; ?) ORDER BY ts, inc
 * </pre>
 * where {@code ts < ?} is now minus {@code timestamp.delay.interval.ms}. Each record's source offset is the
 * position after it, so a restart resumes exactly there. In timestamp mode rows of equal timestamp cannot be told
 * apart, so a record's offset moves to its timestamp only once the row after it has a later one (the group is
 * complete); a restart inside a group re-reads that group, never skips it. Used by one task thread.
 */
final class TableQuerier {
    private final JdbcSourceConfig config;
    private final DatabaseDialect dialect;
    /** The table as configured, or null for the query. */
    private final String table;
    private final Map<String, String> partition;
    private final String topic;
    private final Set<String> warned = new HashSet<>();

    private SourceOffset offset;
    /** When the next query may run (epoch ms). */
    long nextRunMs;

    /** Resolved on first use: what to select from, and the quoted column names. */
    private String from;
    private String tsColumn;
    private String incColumn;

    private PreparedStatement statement;
    private ResultSet resultSet;
    private SchemaMapping mapping;
    private int tsIndex;
    private boolean tsHasZone;
    private int incIndex;
    private Row pending;
    private boolean exhausted;

    private record Row(Struct value, Long incrementing, Instant timestamp) {
    }

    TableQuerier(JdbcSourceConfig config, DatabaseDialect dialect, String table, SourceOffset offset) {
        this.config = config;
        this.dialect = dialect;
        this.table = table;
        this.partition = partition(table);
        this.topic = table == null ? config.topicPrefix : config.topicPrefix + table;
        this.offset = offset;
    }

    /** The source partition: {@code {"table": name}}, or {@code {"query": "query"}} as Confluent's. */
    static Map<String, String> partition(String table) {
        return table == null ? Map.of("query", "query") : Map.of("table", table);
    }

    Map<String, String> partition() {
        return partition;
    }

    String describe() {
        return table == null ? "query" : "table " + table;
    }

    /** Whether a result set is open (rows may be left to read). */
    boolean isOpen() {
        return resultSet != null;
    }

    /** Whether the open result set has no rows left. */
    boolean isExhausted() {
        return exhausted;
    }

    /** Runs the mode's query from the current offset; {@code nowMs} bounds timestamps by the delay. */
    void execute(Connection connection, long nowMs) throws SQLException {
        if (from == null) {
            resolve(connection);
        }
        String sql = "SELECT * FROM " + from;
        List<Object> params = new ArrayList<>();
        Instant start = offset.timestamp() != null ? offset.timestamp() : Instant.EPOCH;
        long lastInc = offset.incrementing() != null ? offset.incrementing() : Long.MIN_VALUE;
        LocalDateTime end = local(Instant.ofEpochMilli(nowMs - config.timestampDelayMs));
        switch (config.mode) {
            case BULK -> {
                if (table == null) {
                    sql = config.query;
                }
            }
            case INCREMENTING -> {
                sql += " WHERE " + incColumn + " > ? ORDER BY " + incColumn + " ASC";
                params.add(lastInc);
            }
            case TIMESTAMP -> {
                sql += " WHERE " + tsColumn + " > ? AND " + tsColumn + " < ? ORDER BY " + tsColumn + " ASC";
                params.add(local(start));
                params.add(end);
            }
            case TIMESTAMP_INCREMENTING -> {
                sql += " WHERE " + tsColumn + " < ? AND ((" + tsColumn + " = ? AND " + incColumn + " > ?) OR "
                    + tsColumn + " > ?) ORDER BY " + tsColumn + " ASC, " + incColumn + " ASC";
                params.add(end);
                params.add(local(start));
                params.add(lastInc);
                params.add(local(start));
            }
        }
        statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(config.batchMaxRows);
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        resultSet = statement.executeQuery();
        ResultSetMetaData md = resultSet.getMetaData();
        mapping = SchemaMapping.of(table, md, config.zone, config.numericMapping, warned);
        tsIndex = config.mode.usesTimestamp() ? columnIndex(md, config.timestampColumn) : 0;
        tsHasZone = tsIndex > 0 && SchemaMapping.hasZone(md, tsIndex);
        incIndex = config.mode.usesIncrementing() ? columnIndex(md, config.incrementingColumn) : 0;
        exhausted = false;
        pending = null;
    }

    /** Up to {@code max} records from the open result set; sets {@link #isExhausted} when no row is left. */
    List<SourceRecord> read(int max) throws SQLException {
        List<SourceRecord> out = new ArrayList<>();
        while (out.size() < max) {
            Row row = pending != null ? pending : fetch();
            pending = null;
            if (row == null) {
                break;
            }
            switch (config.mode) {
                case BULK -> {
                }
                case INCREMENTING, TIMESTAMP_INCREMENTING -> offset = new SourceOffset(row.incrementing(), row.timestamp());
                case TIMESTAMP -> {
                    // Move past this timestamp only when the next row has a later one: the group is complete.
                    pending = fetch();
                    if (pending == null || !pending.timestamp().equals(row.timestamp())) {
                        offset = new SourceOffset(null, row.timestamp());
                    }
                }
            }
            out.add(new SourceRecord(partition, config.mode == Mode.BULK ? null : offset.toMap(), topic, null, null,
                null, mapping.schema, row.value(), null));
        }
        return out;
    }

    private Row fetch() throws SQLException {
        if (exhausted || !resultSet.next()) {
            exhausted = true;
            return null;
        }
        Long inc = null;
        if (incIndex > 0) {
            long v = resultSet.getLong(incIndex);
            inc = resultSet.wasNull() ? null : v;
        }
        Instant ts = tsIndex > 0 ? SchemaMapping.readInstant(resultSet, tsIndex, config.zone, tsHasZone) : null;
        return new Row(mapping.read(resultSet), inc, ts);
    }

    /** Closes the result set and statement (the next {@link #execute} starts from the current offset). */
    void close() {
        try {
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            // Closing after the rows were read: nothing is lost.
        }
        statement = null;
        resultSet = null;
        pending = null;
    }

    /** Finds the table's actual name and the columns' (databases fold unquoted names differently). */
    private void resolve(Connection connection) throws SQLException {
        if (table != null) {
            TableDefinition def = TableDefinition.find(connection, table);
            if (def == null) {
                throw new ConnectException("table " + table + " (table.whitelist) does not exist in "
                    + config.connection.url());
            }
            from = dialect.quote(def.name());
        } else {
            from = "(" + config.query + ") tributary_query";
        }
        if (config.mode == Mode.BULK) {
            return;
        }
        try (Statement s = connection.createStatement();
             ResultSet probe = s.executeQuery("SELECT * FROM " + from + " WHERE 1 = 0")) {
            ResultSetMetaData md = probe.getMetaData();
            if (config.mode.usesTimestamp()) {
                tsColumn = dialect.quote(md.getColumnLabel(columnIndex(md, config.timestampColumn)));
            }
            if (config.mode.usesIncrementing()) {
                incColumn = dialect.quote(md.getColumnLabel(columnIndex(md, config.incrementingColumn)));
            }
        }
    }

    private int columnIndex(ResultSetMetaData md, String wanted) throws SQLException {
        int match = 0;
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equals(wanted)) {
                return i;
            }
            if (match == 0 && md.getColumnLabel(i).equalsIgnoreCase(wanted)) {
                match = i;
            }
        }
        if (match == 0) {
            throw new ConnectException(describe() + " has no column " + wanted + " (incrementing.column.name, "
                + "timestamp.column.name)");
        }
        return match;
    }

    private LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, config.zone);
    }
}
