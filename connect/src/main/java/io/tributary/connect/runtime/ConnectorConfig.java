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
        .define(VALUE_CONVERTER_CLASS_CONFIG, Type.STRING, null, "overrides the worker's value.converter");

    /** What a sink connector's configuration adds. */
    public static final ConfigDef SINK_DEFINITION = new ConfigDef()
        .define(TOPICS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT, NON_EMPTY, "comma-separated topics to read");

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
