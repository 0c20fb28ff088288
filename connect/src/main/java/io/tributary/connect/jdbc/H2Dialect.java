package io.tributary.connect.jdbc;

import java.util.List;

/** H2 2.x: upsert is {@code MERGE INTO t (cols) KEY (keys) VALUES (...)}. */
final class H2Dialect extends DatabaseDialect {
    @Override
    String name() {
        return "H2";
    }

    @Override
    String sqlType(ColumnType type, boolean key) {
        return switch (type) {
            case INT8 -> "TINYINT";
            case STRING, JSON -> "CHARACTER VARYING";
            case BYTES -> "BINARY VARYING";
            case TIME -> "TIME(3)";
            case TIMESTAMP -> "TIMESTAMP(3)";
            default -> super.sqlType(type, key);
        };
    }

    @Override
    String decimalType(int precision, int scale) {
        return "NUMERIC(" + precision + ", " + scale + ")";
    }

    @Override
    boolean failedStatementAbortsTransaction() {
        return false;
    }

    @Override
    String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
        List<String> all = new java.util.ArrayList<>(keyColumns);
        all.addAll(otherColumns);
        return "MERGE INTO " + quote(table) + " (" + quoteAll(all) + ") KEY (" + quoteAll(keyColumns) + ") VALUES ("
            + placeholders(all.size()) + ")";
    }
}
