package io.tributary.connect.runtime;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.Connector;
import io.tributary.connect.sink.SinkConnector;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code GET /connector-plugins} and {@code PUT /connector-plugins/{class}/config/validate} answer, in Kafka
 * Connect's JSON shapes. The validation result is Kafka's {@code ConfigInfos}:
 *
 * <pre>
 * {"name": "io.tributary.connect.file.FileStreamSinkConnector", "error_count": 1, "groups": ["Common", ...],
 *  "configs": [{"definition": {"name", "type", "required", "default_value", "importance", "documentation", "group",
 *                              "width", "display_name", "dependents", "order"},
 *               "value": {"name", "value", "recommended_values", "errors", "visible"}}, ...]}
 * </pre>
 *
 * Keys carry Kafka's groups ({@code Common}, {@code Transforms}, {@code Predicates}, {@code Error Handling}; a
 * connector's own keys have none, as in Kafka's file connectors). Tributary's config definitions have no importance
 * or width: every key says {@code MEDIUM} and {@code NONE}.
 */
final class ConnectorPlugins {
    static final String COMMON_GROUP = "Common";
    static final String TRANSFORMS_GROUP = "Transforms";
    static final String PREDICATES_GROUP = "Predicates";
    static final String ERROR_GROUP = "Error Handling";

    private static final List<String> CONNECTORS = List.of("FileStreamSink", "FileStreamSource", "JdbcSink",
        "JdbcSource");
    private static final List<String> CONVERTERS = List.of("ByteArrayConverter", "JsonConverter",
        "StringConverter");
    private static final List<String> TRANSFORMS = List.of("Cast$Key", "Cast$Value", "ExtractField$Key",
        "ExtractField$Value", "Filter", "HoistField$Key", "HoistField$Value", "InsertField$Key", "InsertField$Value",
        "MaskField$Key", "MaskField$Value", "RegexRouter", "ReplaceField$Key", "ReplaceField$Value",
        "SetSchemaMetadata$Key", "SetSchemaMetadata$Value", "TimestampConverter$Key", "TimestampConverter$Value",
        "TimestampRouter", "ValueToKey");
    private static final List<String> PREDICATES = List.of("HasHeaderKey", "RecordIsTombstone", "TopicNameMatches");

    /** This build's version ({@code unknown} when run from classes the build did not filter). */
    static final String VERSION = readVersion();

    private ConnectorPlugins() {
    }

    private static String readVersion() {
        try (InputStream in = ConnectorPlugins.class.getResourceAsStream("connect-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Kafka's plugin list: {@code [{"class", "type", "version"}]} sorted by class; connectors only (types
     * {@code source}, {@code sink}) unless {@code connectorsOnly} is false, which adds converters, transformations
     * and predicates.
     */
    static List<Map<String, String>> list(boolean connectorsOnly) {
        Map<String, Map<String, String>> byClass = new TreeMap<>();
        for (String alias : CONNECTORS) {
            Connector c = Plugins.newConnector(alias);
            byClass.put(c.getClass().getName(), plugin(c.getClass().getName(),
                c instanceof SinkConnector ? "sink" : "source", c.version()));
        }
        if (!connectorsOnly) {
            for (String alias : CONVERTERS) {
                String cls = Plugins.newConverter("converter", alias).getClass().getName();
                byClass.put(cls, plugin(cls, "converter", VERSION));
            }
            for (String alias : TRANSFORMS) {
                String cls = Plugins.newTransformation("transformation", alias).getClass().getName();
                byClass.put(cls, plugin(cls, "transformation", VERSION));
            }
            for (String alias : PREDICATES) {
                String cls = Plugins.newPredicate("predicate", alias).getClass().getName();
                byClass.put(cls, plugin(cls, "predicate", VERSION));
            }
        }
        return List.copyOf(byClass.values());
    }

    private static Map<String, String> plugin(String cls, String type, String version) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("class", cls);
        m.put("type", type);
        m.put("version", version);
        return m;
    }

    /** A key as validation reports it. */
    private record Checked(ConfigDef.Key key, String group, List<String> errors) {
    }

    /**
     * Validates {@code props} for the connector class {@code pluginName} (a class name or alias) key by key.
     *
     * @throws ConfigException when the class is unknown, or {@code connector.class} is missing or names another
     *                         class (the REST API answers 400)
     */
    static Map<String, Object> validate(String pluginName, Map<String, String> props) {
        Connector fromPath = Plugins.newConnector(pluginName);
        String included = props.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
        if (included == null || included.isBlank()) {
            throw new ConfigException("Connector config " + props + " contains no connector type");
        }
        Connector connector;
        try {
            connector = Plugins.newConnector(included.trim());
        } catch (ConfigException e) {
            connector = null;
        }
        if (connector == null || connector.getClass() != fromPath.getClass()) {
            throw new ConfigException("Included connector type " + included + " does not match request type "
                + pluginName);
        }
        boolean sink = connector instanceof SinkConnector;
        List<Checked> checked = new ArrayList<>();
        for (ConfigDef.Key key : ConnectorConfig.DEFINITION.keys().values()) {
            checked.add(check(key, key.name().startsWith("errors.") ? ERROR_GROUP : COMMON_GROUP, props));
        }
        if (sink) {
            for (ConfigDef.Key key : ConnectorConfig.SINK_DEFINITION.keys().values()) {
                checked.add(check(key, key.name().startsWith("errors.") ? ERROR_GROUP : COMMON_GROUP, props));
            }
        }
        checked.add(transformsAndPredicates(props, TransformationChain.TRANSFORMS_CONFIG, TRANSFORMS_GROUP,
            "aliases of the transformations to apply, in order"));
        checked.add(transformsAndPredicates(props, TransformationChain.PREDICATES_CONFIG, PREDICATES_GROUP,
            "aliases of the predicates the transformations may use"));
        Set<String> common = new LinkedHashSet<>();
        checked.forEach(c -> common.add(c.key().name()));
        for (ConfigDef.Key key : connector.config().keys().values()) {
            if (!common.contains(key.name())) {
                checked.add(check(key, null, props));
            }
        }
        if (sink) {
            dlqNotATopic(props, checked);
        }
        return infos(connector.getClass().getName(), checked, props);
    }

    private static Checked check(ConfigDef.Key key, String group, Map<String, String> props) {
        List<String> errors = new ArrayList<>(ConnectorConfig.validate(props, new ConfigDef()
            .define(key.name(), key.type(), key.defaultValue(), key.validator(), key.doc())));
        return new Checked(key, group, errors);
    }

    /** {@code transforms} / {@code predicates}: the whole chain is built, its first error reported on the key. */
    private static Checked transformsAndPredicates(Map<String, String> props, String name, String group,
                                                  String doc) {
        ConfigDef.Key key = new ConfigDef().define(name, ConfigDef.Type.LIST, "", doc).keys().get(name);
        List<String> errors = new ArrayList<>();
        boolean transformsKey = name.equals(TransformationChain.TRANSFORMS_CONFIG);
        try {
            TransformationChain.fromConfig(props).close();
        } catch (ConfigException e) {
            boolean aboutPredicates = e.getMessage().contains(TransformationChain.PREDICATES_CONFIG + ".")
                || e.getMessage().startsWith(TransformationChain.PREDICATES_CONFIG);
            if (aboutPredicates != transformsKey) {
                errors.add(e.getMessage());
            }
        }
        return new Checked(key, group, errors);
    }

    private static void dlqNotATopic(Map<String, String> props, List<Checked> checked) {
        String dlq = props.getOrDefault(ConnectorConfig.DLQ_TOPIC_NAME_CONFIG, "").trim();
        String topics = props.getOrDefault(ConnectorConfig.TOPICS_CONFIG, "");
        if (!dlq.isEmpty() && java.util.Arrays.stream(topics.split(",")).map(String::trim).anyMatch(dlq::equals)) {
            checked.stream().filter(c -> c.key().name().equals(ConnectorConfig.DLQ_TOPIC_NAME_CONFIG)).findFirst()
                .ifPresent(c -> c.errors().add(new ConfigException(ConnectorConfig.DLQ_TOPIC_NAME_CONFIG, dlq,
                    "a topic the connector does not read (it is in topics)").getMessage()));
        }
    }

    private static Map<String, Object> infos(String name, List<Checked> checked, Map<String, String> props) {
        Set<String> groups = new LinkedHashSet<>();
        Map<String, Integer> orderInGroup = new HashMap<>();
        List<Map<String, Object>> configs = new ArrayList<>();
        int errorCount = 0;
        int ungrouped = 0;
        for (Checked c : checked) {
            ConfigDef.Key key = c.key();
            int order = c.group() == null ? ++ungrouped : orderInGroup.merge(c.group(), 1, Integer::sum);
            if (c.group() != null) {
                groups.add(c.group());
            }
            boolean required = key.defaultValue() == ConfigDef.NO_DEFAULT;
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("name", key.name());
            definition.put("type", key.type().name());
            definition.put("required", required);
            definition.put("default_value", required ? null : text(key.defaultValue()));
            definition.put("importance", "MEDIUM");
            definition.put("documentation", key.doc());
            definition.put("group", c.group());
            definition.put("width", "NONE");
            definition.put("display_name", key.name());
            definition.put("dependents", List.of());
            definition.put("order", order);
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("name", key.name());
            String given = props.get(key.name());
            value.put("value", given != null ? given : required ? null : text(key.defaultValue()));
            value.put("recommended_values", List.of());
            value.put("errors", c.errors());
            value.put("visible", true);
            errorCount += c.errors().size();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("definition", definition);
            one.put("value", value);
            configs.add(one);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("error_count", errorCount);
        out.put("groups", List.copyOf(groups));
        out.put("configs", configs);
        return out;
    }

    /** A default as Kafka writes it: lists comma-separated, null stays null. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
            : value.toString();
    }
}
