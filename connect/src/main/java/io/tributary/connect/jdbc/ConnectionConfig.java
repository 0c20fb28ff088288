package io.tributary.connect.jdbc;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ParsedConfig;
import io.tributary.connect.errors.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The database connection keys both JDBC connectors share: {@code connection.url}, {@code connection.user},
 * {@code connection.password}. The driver is found by {@link DriverManager} from the URL, so any JDBC driver on the
 * classpath works; H2, PostgreSQL and MariaDB come with Tributary Connect.
 *
 * @param url      the JDBC URL
 * @param user     the user, or null
 * @param password the password, or null
 */
record ConnectionConfig(String url, String user, String password) {
    static final String URL_CONFIG = "connection.url";
    static final String USER_CONFIG = "connection.user";
    static final String PASSWORD_CONFIG = "connection.password";

    /** Adds the connection keys to {@code def}. */
    static ConfigDef define(ConfigDef def) {
        return def
            .define(URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT, (name, value) -> {
                if (!value.toString().startsWith("jdbc:")) {
                    throw new ConfigException(name, value, "a JDBC URL (jdbc:h2:..., jdbc:postgresql://..., "
                        + "jdbc:mariadb://...)");
                }
            }, "the JDBC URL of the database")
            .define(USER_CONFIG, Type.STRING, null, "the database user (or in the URL)")
            .define(PASSWORD_CONFIG, Type.STRING, null, "the database user's password");
    }

    static ConnectionConfig from(ParsedConfig config) {
        return new ConnectionConfig(config.getString(URL_CONFIG), config.getString(USER_CONFIG),
            config.getString(PASSWORD_CONFIG));
    }

    /**
     * A new connection.
     *
     * @throws ConnectException naming the URL (never the password) when the database cannot be reached or no driver
     *                          on the classpath accepts the URL
     */
    Connection open() {
        Properties info = new Properties();
        if (user != null) {
            info.setProperty("user", user);
        }
        if (password != null) {
            info.setProperty("password", password);
        }
        try {
            return DriverManager.getConnection(url, info);
        } catch (SQLException e) {
            throw new ConnectException("cannot connect to " + url + (user == null ? "" : " as " + user) + ": "
                + e.getMessage(), e);
        }
    }
}
