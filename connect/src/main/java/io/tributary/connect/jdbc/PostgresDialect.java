package io.tributary.connect.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL: upsert is {@code INSERT ... ON CONFLICT (keys) DO UPDATE SET c = EXCLUDED.c}. Strings are bound
 * untyped ({@code Types.OTHER}), so text also lands in NUMERIC, UUID or JSONB columns the server converts it to.
 */
final class PostgresDialect extends DatabaseDialect {
    @Override
    String name() {
        return "PostgreSQL";
    }

    @Override
    String sqlType(ColumnType type, boolean key) {
        return switch (type) {
            case INT8 -> "SMALLINT";
            case STRING, JSON -> "TEXT";
            case BYTES -> "BYTEA";
            case TIME -> "TIME(3)";
            case TIMESTAMP -> "TIMESTAMP(3)";
            default -> super.sqlType(type, key);
        };
    }

    @Override
    String decimalType(int precision, int scale) {
        return "NUMERIC(" + Math.min(precision, 1000) + ", " + scale + ")";
    }

    @Override
    String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
        List<String> all = new ArrayList<>(keyColumns);
        all.addAll(otherColumns);
        String onConflict = otherColumns.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + otherColumns.stream()
            .map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
        return insert(table, all) + " ON CONFLICT (" + quoteAll(keyColumns) + ") " + onConflict;
    }

    @Override
    void bindString(PreparedStatement ps, int index, String value) throws SQLException {
        ps.setObject(index, value, Types.OTHER);
    }
}
