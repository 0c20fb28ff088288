package io.tributary.connect.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the JDBC tests run against: H2 in memory, and the PostgreSQL and MariaDB servers the machine runs
 * on 127.0.0.1 (database {@code test}). A server that cannot be reached skips the test with a message naming it,
 * or, with {@code CI=true}, fails it.
 */
enum TestDatabase {
    H2("jdbc:h2:mem:jdbc_tests;DB_CLOSE_DELAY=-1", "sa", "", "TIMESTAMP(6)"),
    POSTGRES("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", "TIMESTAMP(6)"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root", "", "DATETIME(6)");

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String url;
    final String user;
    final String password;
    /** A timestamp column type with microseconds. */
    final String timestampType;

    TestDatabase(String url, String user, String password, String timestampType) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.timestampType = timestampType;
    }

    /** A connection; skips the test (fails it in CI) when the server is not reachable. */
    Connection connect() {
        DriverManager.setLoginTimeout(5);
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            String message = this + " is not reachable at " + url + " (user " + user + "): " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; CI=true requires every database server");
            }
            Assumptions.abort(message + "; skipping (start the server, or set CI=true to make this a failure)");
            throw new AssertionError("unreachable");
        }
    }

    /** A table name no other test (or earlier run) uses. */
    String uniqueTable(String purpose) {
        return (purpose + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
            .toLowerCase(Locale.ROOT);
    }

    /** The connector keys to reach this database. */
    Map<String, String> connectorProps() {
        Map<String, String> m = new HashMap<>();
        m.put("connection.url", url);
        m.put("connection.user", user);
        m.put("connection.password", password);
        return m;
    }

    /** Runs each statement. */
    static void execute(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        }
    }

    /** Every row of a query, as lists of strings (null stays null), in the query's order. */
    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** Drops the table, quoted as the sink creates it, and unquoted as the tests create theirs. */
    void drop(Connection c, String table) {
        String q = this == MARIADB ? "`" : "\"";
        for (String name : List.of(q + table + q, table)) {
            try {
                execute(c, "DROP TABLE IF EXISTS " + name);
            } catch (SQLException e) {
                // Already gone.
            }
        }
    }
}
