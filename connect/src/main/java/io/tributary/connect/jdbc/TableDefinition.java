package io.tributary.connect.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An existing table in the connection's current catalog and schema, and its columns, as {@link DatabaseMetaData}
 * reports them. Names are matched exactly first, then ignoring case, because databases fold unquoted names
 * differently (H2 to upper case, PostgreSQL to lower case): {@code orders} finds H2's {@code ORDERS}. Immutable.
 */
final class TableDefinition {
    private final String name;
    /** Actual column names in table order, keyed by themselves. */
    private final Map<String, Integer> columns;

    private TableDefinition(String name, Map<String, Integer> columns) {
        this.name = name;
        this.columns = columns;
    }

    /** The table's name as the database spells it. */
    String name() {
        return name;
    }

    /** The actual names of the columns, in table order. */
    Set<String> columnNames() {
        return columns.keySet();
    }

    /** The JDBC type ({@link java.sql.Types}) of an actual column name. */
    int jdbcType(String actualColumn) {
        return columns.get(actualColumn);
    }

    /** The actual name of column {@code wanted} (exact match first, then ignoring case), or null. */
    String column(String wanted) {
        if (columns.containsKey(wanted)) {
            return wanted;
        }
        for (String c : columns.keySet()) {
            if (c.equalsIgnoreCase(wanted)) {
                return c;
            }
        }
        return null;
    }

    /** The table named {@code table} (exact, then upper-case, then lower-case spelling), or null when missing. */
    static TableDefinition find(Connection connection, String table) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = schemaOf(connection);
        Set<String> spellings = new LinkedHashSet<>(List.of(table, table.toUpperCase(Locale.ROOT),
            table.toLowerCase(Locale.ROOT)));
        for (String spelling : spellings) {
            String actual = findTable(md, catalog, schema, spelling);
            if (actual != null) {
                Map<String, Integer> columns = new LinkedHashMap<>();
                try (ResultSet rs = md.getColumns(catalog, schema, escape(md, actual), null)) {
                    while (rs.next()) {
                        if (actual.equals(rs.getString("TABLE_NAME"))) {
                            columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                        }
                    }
                }
                return new TableDefinition(actual, columns);
            }
        }
        return null;
    }

    private static String findTable(DatabaseMetaData md, String catalog, String schema, String name)
        throws SQLException {
        try (ResultSet rs = md.getTables(catalog, schema, escape(md, name), null)) {
            while (rs.next()) {
                // The pattern's escaping is not honoured everywhere: compare the name itself.
                if (name.equals(rs.getString("TABLE_NAME"))) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String schemaOf(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    /** {@code name} as a metadata pattern that matches only itself ({@code _} and {@code %} escaped). */
    private static String escape(DatabaseMetaData md, String name) throws SQLException {
        String esc = md.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return name;
        }
        return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }
}
