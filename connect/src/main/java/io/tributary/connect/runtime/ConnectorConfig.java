package io.tributary.connect.runtime;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.common.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys every connector configuration has ({@code name}, {@code connector.class}, {@code tasks.max}, optional
 * converter overrides) and, for sinks, {@code topics}. {@link #validate} checks these and the connector's own
 * definition together and reports every problem at once, one line each. Immutable.
 */
public final class ConnectorConfig {
    public static final String NAME_CONFIG = "name";
    public static final String CONNECTOR_CLASS_CONFIG = "connector.class";
    public static final String TASKS_MAX_CONFIG = "tasks.max";
    public static final String KEY_CONVERTER_CLASS_CONFIG = "key.converter";
    public static final String VALUE_CONVERTER_CLASS_CONFIG = "value.converter";
    public static final String TOPICS_CONFIG = "topics";

    /** {@code none} (default): a record that fails conversion or a transform fails the task; {@code all}: skip it. */
    public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";
    /** How long a retriable failure is retried, in ms; 0 (default) no retries, -1 without end. */
    public static final String ERRORS_RETRY_TIMEOUT_CONFIG = "errors.retry.timeout";
    /** The longest wait between two retries, in ms (default 60000); waits start at 300 ms and double. */
    public static final String ERRORS_RETRY_MAX_DELAY_CONFIG = "errors.retry.delay.max.ms";
    /** Whether each failure is logged (at ERROR) with the stage and the record's coordinates. */
    public static final String ERRORS_LOG_ENABLE_CONFIG = "errors.log.enable";
    /** Whether those log lines include the record's key and value. */
    public static final String ERRORS_LOG_INCLUDE_MESSAGES_CONFIG = "errors.log.include.messages";
    /** Sinks: the dead letter queue topic that tolerated failures go to; empty (default) for none. */
    public static final String DLQ_TOPIC_NAME_CONFIG = "errors.deadletterqueue.topic.name";
    /** Sinks: the replication factor of the dead letter queue topic when it is created (default 3, -1: broker's). */
    public static final String DLQ_TOPIC_REPLICATION_FACTOR_CONFIG = "errors.deadletterqueue.topic.replication.factor";
    /** Sinks: whether records in the dead letter queue carry {@code __connect.errors.*} headers saying why. */
    public static final String DLQ_CONTEXT_HEADERS_ENABLE_CONFIG = "errors.deadletterqueue.context.headers.enable";

    private static final ConfigDef.Validator NON_EMPTY = (name, value) -> {
        boolean empty = value instanceof List<?> l ? l.isEmpty() : value.toString().isBlank();
        if (empty) {
            throw new ConfigException(name, value, "a non-empty value");
        }
    };

    /** What every connector configuration accepts. */
    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(NAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT, NON_EMPTY, "a name unique in the worker")
        .define(CONNECTOR_CLASS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT, NON_EMPTY,
            "the connector's class name or alias (FileStreamSource, FileStreamSink)")
        .define(TASKS_MAX_CONFIG, Type.INT, 1, ConfigDef.Range.atLeast(1), "the most tasks the connector may run")
        .define(KEY_CONVERTER_CLASS_CONFIG, Type.STRING, null, "overrides the worker's key.converter")
        .define(VALUE_CONVERTER_CLASS_CONFIG, Type.STRING, null, "overrides the worker's value.converter")
        .define(ERRORS_TOLERANCE_CONFIG, Type.STRING, "none", ConfigDef.ValidString.in("none", "all"),
            "none: a record that fails conversion or a transform fails the task; all: the record is skipped")
        .define(ERRORS_RETRY_TIMEOUT_CONFIG, Type.LONG, 0L, ConfigDef.Range.atLeast(-1),
            "how long a retriable failure is retried in ms (0: no retries, -1: no limit)")
        .define(ERRORS_RETRY_MAX_DELAY_CONFIG, Type.LONG, 60000L, ConfigDef.Range.atLeast(1),
            "the longest wait between retries in ms")
        .define(ERRORS_LOG_ENABLE_CONFIG, Type.BOOLEAN, false, "log each failure with its stage and record")
        .define(ERRORS_LOG_INCLUDE_MESSAGES_CONFIG, Type.BOOLEAN, false,
            "include the record's key and value in those log lines");

    private static final ConfigDef.Validator REPLICATION_FACTOR = (name, value) -> {
        int rf = ((Number) value).intValue();
        if (rf == 0 || rf < -1 || rf > Short.MAX_VALUE) {
            throw new ConfigException(name, value, "at least 1, or -1 for the broker's default.replication.factor");
        }
    };

    /** What a sink connector's configuration adds. */
    public static final ConfigDef SINK_DEFINITION = new ConfigDef()
        .define(TOPICS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT, NON_EMPTY, "comma-separated topics to read")
        .define(DLQ_TOPIC_NAME_CONFIG, Type.STRING, "",
            "the dead letter queue topic for records that failed (with errors.tolerance=all); empty: none")
        .define(DLQ_TOPIC_REPLICATION_FACTOR_CONFIG, Type.INT, 3, REPLICATION_FACTOR,
            "replication factor of the dead letter queue topic when created (-1: the broker's default; a "
                + "single-node broker needs 1 or -1)")
        .define(DLQ_CONTEXT_HEADERS_ENABLE_CONFIG, Type.BOOLEAN, false,
            "add __connect.errors.* headers to dead letter queue records");

    private ConnectorConfig() {
    }

    /**
     * Checks {@code props} against each definition, key by key, so that every missing or bad key is reported.
     *
     * @return one readable line per problem, empty when the configuration is valid
     */
    public static List<String> validate(Map<String, String> props, ConfigDef... definitions) {
        List<String> errors = new ArrayList<>();
        for (ConfigDef def : definitions) {
            for (ConfigDef.Key key : def.keys().values()) {
                ConfigDef single = new ConfigDef()
                    .define(key.name(), key.type(), key.defaultValue(), key.validator(), key.doc());
                Map<String, String> one = new HashMap<>();
                if (props.containsKey(key.name())) {
                    one.put(key.name(), props.get(key.name()));
                }
                try {
                    single.parse(one);
                } catch (ConfigException e) {
                    errors.add(e.getMessage());
                }
            }
        }
        return errors;
    }

    /**
     * As {@link #validate}, throwing when anything is wrong.
     *
     * @throws ConfigException whose message lists every problem, prefixed by the connector's name
     */
    public static void ensureValid(Map<String, String> props, ConfigDef... definitions) {
        List<String> errors = validate(props, definitions);
        if (!errors.isEmpty()) {
            String name = props.getOrDefault(NAME_CONFIG, "<unnamed>");
            throw new ConfigException("connector " + name + " has " + errors.size() + " invalid configuration"
                + (errors.size() == 1 ? "" : "s") + ":\n  - " + String.join("\n  - ", errors));
        }
    }
}
