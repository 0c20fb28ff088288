package io.tributary.connect.jdbc;

import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.jdbc.DatabaseDialect.Column;
import io.tributary.connect.jdbc.JdbcSinkConfig.InsertMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link SinkRow}s in one transaction per {@link #write} call. Consecutive rows of the same table and shape
 * (same columns, same kind) share one prepared statement and go in JDBC batches of {@code batch.size}; a change of
 * shape executes what came before, so rows keep their order. Before a shape's first statement the table is created
 * ({@code auto.create}) or given its missing columns ({@code auto.evolve}). When a batch fails, {@link #writeEach}
 * writes the same rows one at a time to find the ones the database refuses. Not thread-safe.
 */
final class JdbcWriter {
    private static final Logger log = LoggerFactory.getLogger(JdbcWriter.class);

    private final JdbcSinkConfig config;
    private final DatabaseDialect dialect;
    private final Connection connection;
    private final Map<String, TableDefinition> tables = new HashMap<>();

    JdbcWriter(JdbcSinkConfig config, DatabaseDialect dialect, Connection connection) throws SQLException {
        this.config = config;
        this.dialect = dialect;
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    /**
     * Writes every row and commits; on failure rolls back and forgets what it knew of the tables.
     *
     * @throws SQLException from the database; nothing of this call is committed then
     */
    void write(List<SinkRow> rows) throws SQLException {
        try {
            int start = 0;
            for (int i = 1; i <= rows.size(); i++) {
                if (i == rows.size() || !sameShape(rows.get(start), rows.get(i))) {
                    writeRun(rows.subList(start, i));
                    start = i;
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            tables.clear();
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** Told about each row {@link #writeEach} could not write; may throw to abandon the whole call. */
    @FunctionalInterface
    interface RowFailure {
        void failed(int index, Exception error);
    }

    /**
     * Writes the rows one at a time in one transaction and commits the ones that succeed. A row the database refuses
     * (a value too long, a NOT NULL or key violation, a value of the wrong type) or that cannot be fitted to its
     * table (a missing table or column) is handed to {@code onFailure} and left out; where a failed statement
     * aborts the transaction (PostgreSQL) each row runs under a savepoint. An error that is not the row's fault
     * (see {@link #isRecordError}), or an exception from {@code onFailure}, rolls everything back and propagates.
     *
     * @throws SQLException when the connection or the database fails rather than a row; nothing is committed then
     */
    void writeEach(List<SinkRow> rows, RowFailure onFailure) throws SQLException {
        boolean savepoints = dialect.failedStatementAbortsTransaction();
        try {
            for (int i = 0; i < rows.size(); i++) {
                SinkRow row = rows.get(i);
                Savepoint savepoint = savepoints ? connection.setSavepoint() : null;
                try {
                    writeRun(List.of(row));
                    if (savepoint != null) {
                        connection.releaseSavepoint(savepoint);
                    }
                } catch (SQLException | ConnectException e) {
                    if (!isRecordError(e)) {
                        throw e;
                    }
                    if (savepoint != null) {
                        connection.rollback(savepoint);
                    }
                    // What it learnt of the table may be wrong now (an ALTER rolled back).
                    tables.remove(row.table());
                    log.debug("row {} of {} refused: {}", i + 1, rows.size(), e.toString());
                    onFailure.failed(i, e);
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            tables.clear();
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /**
     * Whether {@code e} is about the row being written rather than the connection or the database as a whole: a
     * {@link ConnectException} from fitting the row to its table, or an SQL error other than a lost connection
     * (SQLSTATE class 08), a transaction rolled back by the database (40: deadlock, serialization), or the server
     * out of resources or shutting down (53, 57, 58), or a transient or recoverable exception. Only record errors go
     * to the errant record reporter; the others fail the task, as retrying row by row would not help.
     */
    boolean isRecordError(Exception e) {
        if (e instanceof ConnectException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException) {
                return false;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                    || state.startsWith("57") || state.startsWith("58")) {
                    return false;
                }
            }
        }
        try {
            return connection.isValid(5);
        } catch (SQLException invalid) {
            return false;
        }
    }

    private static boolean sameShape(SinkRow a, SinkRow b) {
        return a.table().equals(b.table()) && a.delete() == b.delete() && a.columnNames().equals(b.columnNames());
    }

    /** Rows of one table and shape. */
    private void writeRun(List<SinkRow> run) throws SQLException {
        SinkRow first = run.get(0);
        TableDefinition table = ensureTable(first, run);
        // Row column index -> actual column name; columns of unknown type the table lacks are left out (all null).
        List<String> names = first.columnNames();
        List<String> actualKeys = new ArrayList<>();
        List<String> actualOthers = new ArrayList<>();
        List<Integer> boundKeys = new ArrayList<>();
        List<Integer> boundOthers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String actual = table.column(names.get(i));
            if (actual == null) {
                continue;
            }
            if (i < first.keys().size()) {
                actualKeys.add(actual);
                boundKeys.add(i);
            } else {
                actualOthers.add(actual);
                boundOthers.add(i);
            }
        }
        List<Integer> order = new ArrayList<>();
        String sql;
        if (first.delete()) {
            sql = dialect.delete(table.name(), actualKeys);
            order.addAll(boundKeys);
        } else if (config.insertMode == InsertMode.UPDATE) {
            sql = dialect.update(table.name(), actualKeys, actualOthers);
            order.addAll(boundOthers);
            order.addAll(boundKeys);
        } else {
            List<String> all = new ArrayList<>(actualKeys);
            all.addAll(actualOthers);
            sql = config.insertMode == InsertMode.UPSERT ? upsert(table.name(), actualKeys, actualOthers)
                : dialect.insert(table.name(), all);
            order.addAll(boundKeys);
            order.addAll(boundOthers);
        }
        log.debug("{} rows: {}", run.size(), sql);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (run.size() == 1) {
                // One row: executed on its own, so an error is the database's own (not a batch wrapper).
                bindRow(ps, run.get(0), order);
                ps.executeUpdate();
                return;
            }
            int batched = 0;
            for (SinkRow row : run) {
                bindRow(ps, row, order);
                ps.addBatch();
                if (++batched == config.batchSize) {
                    ps.executeBatch();
                    batched = 0;
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
    }

    private void bindRow(PreparedStatement ps, SinkRow row, List<Integer> order) throws SQLException {
        List<SinkRow.Value> values = new ArrayList<>(row.keys());
        values.addAll(row.others());
        for (int p = 0; p < order.size(); p++) {
            SinkRow.Value v = values.get(order.get(p));
            dialect.bind(ps, p + 1, v.type(), v.value());
        }
    }

    private String upsert(String table, List<String> keys, List<String> others) {
        try {
            return dialect.upsert(table, keys, others);
        } catch (UnsupportedOperationException e) {
            throw new ConnectException(e.getMessage());
        }
    }

    /** The table, created or given the run's missing columns when allowed. */
    private TableDefinition ensureTable(SinkRow first, List<SinkRow> run) throws SQLException {
        String name = first.table();
        TableDefinition table = tables.get(name);
        if (table == null) {
            table = TableDefinition.find(connection, name);
        }
        List<Column> columns = columnsOf(first, run);
        if (table == null) {
            if (!config.autoCreate) {
                throw new ConnectException("table " + name + " does not exist (set auto.create=true to create it "
                    + "from the records' fields)");
            }
            List<String> keys = first.keys().stream().map(SinkRow.Value::name).toList();
            execute(dialect.createTable(name, columns, keys));
            log.info("created table {} with columns {}", name, columns);
            table = TableDefinition.find(connection, name);
            if (table == null) {
                throw new ConnectException("table " + name + " was created but cannot be found in the metadata");
            }
        } else {
            TableDefinition existing = table;
            List<Column> missing = columns.stream().filter(c -> existing.column(c.name()) == null).toList();
            if (!missing.isEmpty()) {
                addColumns(existing, missing, first);
                table = TableDefinition.find(connection, existing.name());
            }
        }
        tables.put(name, table);
        return table;
    }

    private void addColumns(TableDefinition table, List<Column> missing, SinkRow first) throws SQLException {
        List<String> names = missing.stream().map(Column::name).toList();
        if (!config.autoEvolve) {
            throw new ConnectException("table " + table.name() + " has no column" + (names.size() == 1 ? " " : "s ")
                + names + " (set auto.evolve=true to add them)");
        }
        for (Column c : missing) {
            if (first.keys().stream().anyMatch(k -> k.name().equals(c.name()))) {
                throw new ConnectException("table " + table.name() + " has no key column " + c.name()
                    + " (auto.evolve adds nullable columns only, never primary key columns)");
            }
            if (!c.optional()) {
                throw new ConnectException("cannot add column " + c.name() + " to table " + table.name()
                    + ": its field is not optional (auto.evolve adds nullable columns only)");
            }
        }
        for (String sql : dialect.addColumns(table.name(), missing)) {
            execute(sql);
        }
        log.info("added columns {} to table {}", names, table.name());
    }

    /** The run's columns with a known type: a schemaless field's type is its first non-null value's. */
    private static List<Column> columnsOf(SinkRow first, List<SinkRow> run) {
        Map<String, Column> columns = new LinkedHashMap<>();
        List<String> names = first.columnNames();
        for (SinkRow row : run) {
            List<SinkRow.Value> values = new ArrayList<>(row.keys());
            values.addAll(row.others());
            for (int i = 0; i < names.size(); i++) {
                SinkRow.Value v = values.get(i);
                if (v.type() != null && !columns.containsKey(v.name())) {
                    columns.put(v.name(), new Column(v.name(), v.type(), v.optional(), v.precision(), v.scale()));
                }
            }
            if (columns.size() == names.size()) {
                break;
            }
        }
        // Keep the row's order.
        return names.stream().filter(columns::containsKey).map(columns::get).toList();
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
