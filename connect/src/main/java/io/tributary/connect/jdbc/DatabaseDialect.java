package io.tributary.connect.jdbc;

import java.sql.PreparedStatement;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What differs between databases: how identifiers are quoted, the SQL type of each {@link ColumnType}, and the
 * upsert statement. Chosen from the JDBC URL by {@link #forUrl}: {@code jdbc:h2:} {@link H2Dialect},
 * {@code jdbc:postgresql:} {@link PostgresDialect}, {@code jdbc:mariadb:} and {@code jdbc:mysql:}
 * {@link MySqlDialect}; any other URL gets this class's standard SQL (double-quoted identifiers, no upsert).
 * Immutable and thread-safe.
 */
class DatabaseDialect {
    /** The dialect for {@code url}. */
    static DatabaseDialect forUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return new MySqlDialect();
        }
        return new DatabaseDialect();
    }

    /** A short name for logs and errors. */
    String name() {
        return "generic";
    }

    /** The character that opens and closes a quoted identifier. */
    char quoteChar() {
        return '"';
    }

    /** {@code name} quoted, an embedded quote character doubled. */
    final String quote(String name) {
        String q = String.valueOf(quoteChar());
        return q + name.replace(q, q + q) + q;
    }

    final String quoteAll(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** The SQL type of a column; {@code key} columns may need a bounded type (a primary key cannot be TEXT). */
    String sqlType(ColumnType type, boolean key) {
        return switch (type) {
            case INT8 -> "SMALLINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case STRING, JSON -> key ? "VARCHAR(256)" : "VARCHAR(32672)";
            case BYTES -> "VARBINARY(32672)";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case DECIMAL -> decimalType(DEFAULT_DECIMAL_PRECISION, 0);
        };
    }

    /** The precision of a DECIMAL column the sink creates when the schema does not say (38: most databases' cap). */
    static final int DEFAULT_DECIMAL_PRECISION = 38;

    /** The SQL type of a column, with a DECIMAL's precision and scale. */
    final String sqlType(Column c, boolean key) {
        if (c.type() == ColumnType.DECIMAL) {
            int precision = c.precision() > c.scale() ? c.precision()
                : Math.max(DEFAULT_DECIMAL_PRECISION, c.scale() + 1);
            return decimalType(precision, c.scale());
        }
        return sqlType(c.type(), key);
    }

    /** An exact decimal column of {@code precision} digits, {@code scale} of them after the point. */
    String decimalType(int precision, int scale) {
        return "DECIMAL(" + precision + ", " + scale + ")";
    }

    /** {@code CREATE TABLE} with the key columns NOT NULL and the primary key, when there is one. */
    final String createTable(String table, List<Column> columns, List<String> keyColumns) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(quote(table)).append(" (");
        List<String> defs = new ArrayList<>();
        for (Column c : columns) {
            boolean key = keyColumns.contains(c.name());
            defs.add(quote(c.name()) + " " + sqlType(c, key) + (key || !c.optional() ? " NOT NULL" : " NULL"));
        }
        if (!keyColumns.isEmpty()) {
            defs.add("PRIMARY KEY (" + quoteAll(keyColumns) + ")");
        }
        return sb.append(String.join(", ", defs)).append(')').toString();
    }

    /** One {@code ALTER TABLE ... ADD} per column, each nullable. */
    final List<String> addColumns(String table, List<Column> columns) {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add("ALTER TABLE " + quote(table) + " ADD " + quote(c.name()) + " " + sqlType(c, false)
                + " NULL");
        }
        return out;
    }

    final String insert(String table, List<String> columns) {
        return "INSERT INTO " + quote(table) + " (" + quoteAll(columns) + ") VALUES (" + placeholders(columns.size())
            + ")";
    }

    /** {@code UPDATE ... SET non-key = ? ... WHERE key = ? ...}: parameters are the non-key columns, then the keys. */
    final String update(String table, List<String> keyColumns, List<String> otherColumns) {
        return "UPDATE " + quote(table) + " SET " + otherColumns.stream().map(c -> quote(c) + " = ?")
            .collect(Collectors.joining(", ")) + " WHERE " + keyCondition(keyColumns);
    }

    final String delete(String table, List<String> keyColumns) {
        return "DELETE FROM " + quote(table) + " WHERE " + keyCondition(keyColumns);
    }

    /**
     * Inserts a row or, when a row with the same key exists, updates it; parameters are the key columns, then the
     * others, in order.
     *
     * @throws UnsupportedOperationException when the database has no upsert this connector knows
     */
    String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
        throw new UnsupportedOperationException("insert.mode=upsert is not supported for this database (dialect "
            + name() + "; supported: H2, PostgreSQL, MariaDB/MySQL)");
    }

    /**
     * Whether a failed statement aborts the whole transaction until it is rolled back (PostgreSQL: "current
     * transaction is aborted"), so writing rows one at a time needs a savepoint per row. H2 and MariaDB/MySQL undo
     * just the failed statement.
     */
    boolean failedStatementAbortsTransaction() {
        return true;
    }

    /** Sets parameter {@code index} to {@code value} (null allowed) as a column of {@code type}. */
    void bind(PreparedStatement ps, int index, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, type == null ? java.sql.Types.NULL : type.jdbcType);
            return;
        }
        switch (type) {
            case INT8, INT16, INT32, INT64 -> ps.setLong(index, ((Number) value).longValue());
            case FLOAT32 -> ps.setFloat(index, ((Number) value).floatValue());
            case FLOAT64 -> ps.setDouble(index, ((Number) value).doubleValue());
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case STRING, JSON -> bindString(ps, index, (String) value);
            case BYTES -> ps.setBytes(index, (byte[]) value);
            case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            case DATE -> ps.setObject(index, LocalDate.ofEpochDay(((Number) value).longValue()));
            case TIME -> ps.setObject(index, LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L));
            case TIMESTAMP -> ps.setObject(index, LocalDateTime.ofInstant(Instant.ofEpochMilli(
                value instanceof java.util.Date d ? d.getTime() : ((Number) value).longValue()), ZoneOffset.UTC));
        }
    }

    void bindString(PreparedStatement ps, int index, String value) throws SQLException {
        ps.setString(index, value);
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private String keyCondition(List<String> keyColumns) {
        return keyColumns.stream().map(c -> quote(c) + " = ?").collect(Collectors.joining(" AND "));
    }

    /**
     * A column of a table the sink creates or extends.
     *
     * @param precision a DECIMAL's digits (0: not known, {@link #DEFAULT_DECIMAL_PRECISION} is used)
     * @param scale     a DECIMAL's digits after the point
     */
    record Column(String name, ColumnType type, boolean optional, int precision, int scale) {
        Column(String name, ColumnType type, boolean optional) {
            this(name, type, optional, 0, 0);
        }

        @Override
        public String toString() {
            return name + " " + type + (type == ColumnType.DECIMAL ? "(" + (precision > 0 ? precision + ", " : "")
                + "scale " + scale + ")" : "") + (optional ? "" : " NOT NULL");
        }
    }
}
