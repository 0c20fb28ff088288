package io.tributary.connect.jdbc;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ParsedConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JDBC sink's configuration, Confluent's JDBC sink's key names; checked as a whole when parsed. Immutable. */
final class JdbcSinkConfig {
    static final String INSERT_MODE_CONFIG = "insert.mode";
    static final String PK_MODE_CONFIG = "pk.mode";
    static final String PK_FIELDS_CONFIG = "pk.fields";
    static final String AUTO_CREATE_CONFIG = "auto.create";
    static final String AUTO_EVOLVE_CONFIG = "auto.evolve";
    static final String BATCH_SIZE_CONFIG = "batch.size";
    static final String TABLE_NAME_FORMAT_CONFIG = "table.name.format";
    static final String DELETE_ENABLED_CONFIG = "delete.enabled";

    /** How a record becomes a row. */
    enum InsertMode { INSERT, UPSERT, UPDATE }

    /** Where the primary key comes from. */
    enum PkMode { NONE, RECORD_KEY, RECORD_VALUE }

    static final ConfigDef CONFIG_DEF = ConnectionConfig.define(new ConfigDef())
        .define(INSERT_MODE_CONFIG, Type.STRING, "insert", lowerCaseIn("insert", "upsert", "update"),
            "insert: INSERT each record; upsert: insert or update by the primary key (the dialect's upsert); "
                + "update: UPDATE the row with the record's key")
        .define(PK_MODE_CONFIG, Type.STRING, "none", lowerCaseIn("none", "record_key", "record_value"),
            "none: no key; record_key: key columns from the record key; record_value: from the record value")
        .define(PK_FIELDS_CONFIG, Type.LIST, "", "the key's field names (empty: every field of the key or value "
            + "struct or map; for a primitive record key, exactly one name: the column)")
        .define(AUTO_CREATE_CONFIG, Type.BOOLEAN, false, "CREATE TABLE when the table is missing")
        .define(AUTO_EVOLVE_CONFIG, Type.BOOLEAN, false, "ALTER TABLE ... ADD (nullable) columns for new fields")
        .define(BATCH_SIZE_CONFIG, Type.INT, 3000, ConfigDef.Range.atLeast(1),
            "most rows per JDBC batch (executeBatch)")
        .define(TABLE_NAME_FORMAT_CONFIG, Type.STRING, "${topic}", "the table name; ${topic} is the record's topic")
        .define(DELETE_ENABLED_CONFIG, Type.BOOLEAN, false,
            "a record with a null value deletes the row of its key (needs pk.mode=record_key)");

    final ConnectionConfig connection;
    final InsertMode insertMode;
    final PkMode pkMode;
    final List<String> pkFields;
    final boolean autoCreate;
    final boolean autoEvolve;
    final int batchSize;
    final String tableNameFormat;
    final boolean deleteEnabled;

    /**
     * @throws ConfigException for a bad key, or a combination Confluent's connector refuses too: upsert or update
     *                         without a primary key, delete.enabled without pk.mode=record_key
     */
    JdbcSinkConfig(Map<String, String> props) {
        ParsedConfig c = CONFIG_DEF.parse(props);
        connection = ConnectionConfig.from(c);
        insertMode = InsertMode.valueOf(c.getString(INSERT_MODE_CONFIG).toUpperCase(Locale.ROOT));
        pkMode = PkMode.valueOf(c.getString(PK_MODE_CONFIG).toUpperCase(Locale.ROOT));
        pkFields = c.getList(PK_FIELDS_CONFIG);
        autoCreate = c.getBoolean(AUTO_CREATE_CONFIG);
        autoEvolve = c.getBoolean(AUTO_EVOLVE_CONFIG);
        batchSize = c.getInt(BATCH_SIZE_CONFIG);
        tableNameFormat = c.getString(TABLE_NAME_FORMAT_CONFIG);
        deleteEnabled = c.getBoolean(DELETE_ENABLED_CONFIG);
        if (insertMode != InsertMode.INSERT && pkMode == PkMode.NONE) {
            throw new ConfigException(PK_MODE_CONFIG, "none", "record_key or record_value with insert.mode="
                + insertMode.name().toLowerCase(Locale.ROOT) + " (rows are matched by their primary key)");
        }
        if (deleteEnabled && pkMode != PkMode.RECORD_KEY) {
            throw new ConfigException(PK_MODE_CONFIG, pkMode.name().toLowerCase(Locale.ROOT),
                "record_key with delete.enabled=true (a tombstone has only its key)");
        }
        if (tableNameFormat.isBlank()) {
            throw new ConfigException(TABLE_NAME_FORMAT_CONFIG, tableNameFormat, "a non-empty table name");
        }
    }

    /** The table for records of {@code topic}. */
    String tableName(String topic) {
        return tableNameFormat.replace("${topic}", topic);
    }

    static ConfigDef.Validator lowerCaseIn(String... allowed) {
        List<String> values = List.of(allowed);
        return (name, value) -> {
            if (!values.contains(value.toString().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "one of " + String.join(", ", values));
            }
        };
    }
}
