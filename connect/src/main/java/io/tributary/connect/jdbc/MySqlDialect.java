package io.tributary.connect.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL: back-quoted identifiers; upsert is {@code INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)}.
 * Key columns of text or bytes get bounded types ({@code VARCHAR(256)}, {@code VARBINARY(256)}): an index cannot
 * cover a whole TEXT or BLOB.
 */
final class MySqlDialect extends DatabaseDialect {
    @Override
    String name() {
        return "MariaDB/MySQL";
    }

    @Override
    char quoteChar() {
        return '`';
    }

    @Override
    String sqlType(ColumnType type, boolean key) {
        return switch (type) {
            case INT8 -> "TINYINT";
            case INT32 -> "INT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> key ? "VARCHAR(256)" : "TEXT";
            case JSON -> "LONGTEXT";
            case BYTES -> key ? "VARBINARY(256)" : "BLOB";
            case TIME -> "TIME(3)";
            case TIMESTAMP -> "DATETIME(3)";
            default -> super.sqlType(type, key);
        };
    }

    /** MariaDB and MySQL allow at most 65 digits. */
    @Override
    String decimalType(int precision, int scale) {
        return "DECIMAL(" + Math.min(precision, 65) + ", " + scale + ")";
    }

    @Override
    boolean failedStatementAbortsTransaction() {
        return false;
    }

    @Override
    String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
        List<String> all = new ArrayList<>(keyColumns);
        all.addAll(otherColumns);
        // With nothing but the key to update, a no-op assignment keeps the statement valid.
        List<String> updated = otherColumns.isEmpty() ? keyColumns.subList(0, 1) : otherColumns;
        return insert(table, all) + " ON DUPLICATE KEY UPDATE " + updated.stream()
            .map(c -> quote(c) + " = VALUES(" + quote(c) + ")").collect(Collectors.joining(", "));
    }
}
