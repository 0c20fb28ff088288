package io.tributary.connect.jdbc;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ParsedConfig;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The JDBC source's configuration, Confluent's JDBC source's key names; checked as a whole when parsed. Immutable. */
final class JdbcSourceConfig {
    static final String MODE_CONFIG = "mode";
    static final String INCREMENTING_COLUMN_CONFIG = "incrementing.column.name";
    static final String TIMESTAMP_COLUMN_CONFIG = "timestamp.column.name";
    static final String TIMESTAMP_DELAY_CONFIG = "timestamp.delay.interval.ms";
    static final String TABLE_WHITELIST_CONFIG = "table.whitelist";
    static final String QUERY_CONFIG = "query";
    static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
    static final String BATCH_MAX_ROWS_CONFIG = "batch.max.rows";
    static final String DB_TIMEZONE_CONFIG = "db.timezone";
    static final String NUMERIC_MAPPING_CONFIG = "numeric.mapping";
    /** Set by the connector in each task's configuration: the tables that task reads. */
    static final String TABLES_CONFIG = "tables";

    /** How rows are found. */
    enum Mode {
        /** The whole table at every poll interval; no offsets. */
        BULK("bulk"),
        /** Rows whose strictly increasing column is above the last one read. */
        INCREMENTING("incrementing"),
        /** Rows whose timestamp is above the last one read and older than now minus the delay. */
        TIMESTAMP("timestamp"),
        /** Timestamp, and among rows of equal timestamp the incrementing column: no row lost on ties. */
        TIMESTAMP_INCREMENTING("timestamp+incrementing");

        final String text;

        Mode(String text) {
            this.text = text;
        }

        boolean usesTimestamp() {
            return this == TIMESTAMP || this == TIMESTAMP_INCREMENTING;
        }

        boolean usesIncrementing() {
            return this == INCREMENTING || this == TIMESTAMP_INCREMENTING;
        }

        static Mode of(String text) {
            for (Mode m : values()) {
                if (m.text.equalsIgnoreCase(text)) {
                    return m;
                }
            }
            throw new ConfigException(MODE_CONFIG, text, "bulk, incrementing, timestamp or timestamp+incrementing");
        }
    }

    static final ConfigDef CONFIG_DEF = ConnectionConfig.define(new ConfigDef())
        .define(MODE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT, (name, value) -> Mode.of(value.toString()),
            "bulk, incrementing, timestamp or timestamp+incrementing")
        .define(INCREMENTING_COLUMN_CONFIG, Type.STRING, "", "the strictly increasing column (incrementing modes)")
        .define(TIMESTAMP_COLUMN_CONFIG, Type.STRING, "", "the last-modified timestamp column (timestamp modes)")
        .define(TIMESTAMP_DELAY_CONFIG, Type.LONG, 0L, ConfigDef.Range.atLeast(0),
            "only rows whose timestamp is older than now minus this are read, so transactions that commit late "
                + "with an older timestamp are not skipped")
        .define(TABLE_WHITELIST_CONFIG, Type.LIST, "", "the tables to read (or use query)")
        .define(QUERY_CONFIG, Type.STRING, "", "a query to read instead of tables")
        .define(TOPIC_PREFIX_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT,
            "topic = prefix + table name; with query, the prefix is the topic")
        .define(POLL_INTERVAL_CONFIG, Type.LONG, 5000L, ConfigDef.Range.atLeast(1),
            "how often each table is queried for new rows")
        .define(BATCH_MAX_ROWS_CONFIG, Type.INT, 100, ConfigDef.Range.atLeast(1), "most rows one poll returns")
        .define(DB_TIMEZONE_CONFIG, Type.STRING, "UTC", (name, value) -> {
            try {
                ZoneId.of(value.toString());
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "a time zone id such as UTC or Europe/Paris");
            }
        }, "the zone of TIMESTAMP columns without a time zone")
        .define(NUMERIC_MAPPING_CONFIG, Type.STRING, "precision_only",
            (name, value) -> NumericMapping.of(value.toString()),
            "NUMERIC/DECIMAL columns: precision_only (integers when the scale is 0 and the precision at most 18, "
                + "else Decimal), none (always Decimal), best_fit / best_fit_eager_double (also FLOAT64 for "
                + "fractions)")
        .define(TABLES_CONFIG, Type.LIST, "", "internal: the tables of one task");
    /** How NUMERIC and DECIMAL columns become fields (Confluent's {@code numeric.mapping} values). */
    enum NumericMapping {
        /** Every one a {@code Decimal} (Confluent's default). */
        NONE,
        /** Scale 0 and precision up to 18: the smallest integer type that holds it; others {@code Decimal}. */
        PRECISION_ONLY,
        /** As precision_only, and scale above 0 with precision up to 18: FLOAT64 (inexact). */
        BEST_FIT,
        /** As precision_only, and every scale above 0: FLOAT64 (inexact). */
        BEST_FIT_EAGER_DOUBLE;

        static NumericMapping of(String text) {
            for (NumericMapping m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
            throw new ConfigException(NUMERIC_MAPPING_CONFIG, text, "none, precision_only, best_fit or "
                + "best_fit_eager_double");
        }
    }

    final ConnectionConfig connection;
    final Mode mode;
    final String incrementingColumn;
    final String timestampColumn;
    final long timestampDelayMs;
    final List<String> tables;
    final String query;
    final String topicPrefix;
    final long pollIntervalMs;
    final int batchMaxRows;
    final ZoneId zone;
    final NumericMapping numericMapping;

    /** @throws ConfigException for a bad key, neither or both of table.whitelist and query, a missing column */
    JdbcSourceConfig(Map<String, String> props) {
        ParsedConfig c = CONFIG_DEF.parse(props);
        connection = ConnectionConfig.from(c);
        mode = Mode.of(c.getString(MODE_CONFIG));
        incrementingColumn = c.getString(INCREMENTING_COLUMN_CONFIG);
        timestampColumn = c.getString(TIMESTAMP_COLUMN_CONFIG);
        timestampDelayMs = c.getLong(TIMESTAMP_DELAY_CONFIG);
        List<String> whitelist = c.getList(TABLE_WHITELIST_CONFIG);
        List<String> taskTables = c.getList(TABLES_CONFIG);
        tables = props.containsKey(TABLES_CONFIG) ? taskTables : whitelist;
        query = c.getString(QUERY_CONFIG);
        topicPrefix = c.getString(TOPIC_PREFIX_CONFIG);
        pollIntervalMs = c.getLong(POLL_INTERVAL_CONFIG);
        batchMaxRows = c.getInt(BATCH_MAX_ROWS_CONFIG);
        zone = ZoneId.of(c.getString(DB_TIMEZONE_CONFIG));
        numericMapping = NumericMapping.of(c.getString(NUMERIC_MAPPING_CONFIG));
        if (whitelist.isEmpty() == query.isEmpty()) {
            throw new ConfigException(TABLE_WHITELIST_CONFIG, whitelist, "either table.whitelist or query, not "
                + (query.isEmpty() ? "neither" : "both"));
        }
        if (mode.usesIncrementing() && incrementingColumn.isEmpty()) {
            throw new ConfigException(INCREMENTING_COLUMN_CONFIG, "", "a column name with mode=" + mode.text);
        }
        if (mode.usesTimestamp() && timestampColumn.isEmpty()) {
            throw new ConfigException(TIMESTAMP_COLUMN_CONFIG, "", "a column name with mode=" + mode.text);
        }
        if (!query.isEmpty() && topicPrefix.isEmpty()) {
            throw new ConfigException(TOPIC_PREFIX_CONFIG, "", "the topic name with query");
        }
    }
}
