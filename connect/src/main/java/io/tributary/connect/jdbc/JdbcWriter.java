package io.tributary.connect.jdbc;

import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.jdbc.DatabaseDialect.Column;
import io.tributary.connect.jdbc.JdbcSinkConfig.InsertMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * ({@code auto.create}) or given its missing columns ({@code auto.evolve}). Not thread-safe.
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
            int batched = 0;
            for (SinkRow row : run) {
                List<SinkRow.Value> values = new ArrayList<>(row.keys());
                values.addAll(row.others());
                for (int p = 0; p < order.size(); p++) {
                    SinkRow.Value v = values.get(order.get(p));
                    dialect.bind(ps, p + 1, v.type(), v.value());
                }
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
                    columns.put(v.name(), new Column(v.name(), v.type(), v.optional()));
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
