package io.tributary.connect.runtime;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.Connector;
import io.tributary.connect.file.FileStreamSinkConnector;
import io.tributary.connect.file.FileStreamSourceConnector;
import io.tributary.connect.jdbc.JdbcSinkConnector;
import io.tributary.connect.jdbc.JdbcSourceConnector;
import io.tributary.connect.storage.ByteArrayConverter;
import io.tributary.connect.storage.Converter;
import io.tributary.connect.storage.JsonConverter;
import io.tributary.connect.storage.StringConverter;
import io.tributary.connect.transforms.Transformation;
import io.tributary.connect.transforms.predicates.Predicate;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Finds connector and converter classes by name. Besides fully qualified class names it accepts the simple names
 * and aliases Kafka Connect accepts ({@code FileStreamSource}, {@code JsonConverter}) and Kafka's own class names
 * for the built-in plugins ({@code org.apache.kafka.connect.json.JsonConverter}, and Confluent's for the JDBC
 * connectors: {@code io.confluent.connect.jdbc.JdbcSourceConnector}), so existing properties files
 * work unchanged.
 */
final class Plugins {
    private static final Map<String, Class<?>> BUILT_IN = Map.ofEntries(
        Map.entry("FileStreamSource", FileStreamSourceConnector.class),
        Map.entry("FileStreamSourceConnector", FileStreamSourceConnector.class),
        Map.entry("org.apache.kafka.connect.file.FileStreamSourceConnector", FileStreamSourceConnector.class),
        Map.entry("FileStreamSink", FileStreamSinkConnector.class),
        Map.entry("FileStreamSinkConnector", FileStreamSinkConnector.class),
        Map.entry("org.apache.kafka.connect.file.FileStreamSinkConnector", FileStreamSinkConnector.class),
        Map.entry("JdbcSource", JdbcSourceConnector.class),
        Map.entry("JdbcSourceConnector", JdbcSourceConnector.class),
        Map.entry("io.confluent.connect.jdbc.JdbcSourceConnector", JdbcSourceConnector.class),
        Map.entry("JdbcSink", JdbcSinkConnector.class),
        Map.entry("JdbcSinkConnector", JdbcSinkConnector.class),
        Map.entry("io.confluent.connect.jdbc.JdbcSinkConnector", JdbcSinkConnector.class),
        Map.entry("StringConverter", StringConverter.class),
        Map.entry("org.apache.kafka.connect.storage.StringConverter", StringConverter.class),
        Map.entry("JsonConverter", JsonConverter.class),
        Map.entry("org.apache.kafka.connect.json.JsonConverter", JsonConverter.class),
        Map.entry("ByteArrayConverter", ByteArrayConverter.class),
        Map.entry("org.apache.kafka.connect.converters.ByteArrayConverter", ByteArrayConverter.class));

    private Plugins() {
    }

    static Connector newConnector(String className) {
        return newInstance(ConnectorConfig.CONNECTOR_CLASS_CONFIG, className, Connector.class);
    }

    static Converter newConverter(String setting, String className) {
        return newInstance(setting, className, Converter.class);
    }

    private static final String KAFKA_TRANSFORMS = "org.apache.kafka.connect.transforms.";
    private static final String OUR_TRANSFORMS = "io.tributary.connect.transforms.";

    /**
     * A single message transform by Kafka's class name ({@code org.apache.kafka.connect.transforms.InsertField$Value}),
     * ours, its simple name ({@code InsertField$Value}) or any class on the classpath.
     */
    static Transformation<?> newTransformation(String setting, String className) {
        String name = className;
        if (name.startsWith(KAFKA_TRANSFORMS)) {
            name = OUR_TRANSFORMS + name.substring(KAFKA_TRANSFORMS.length());
        } else if (!name.contains(".")) {
            name = OUR_TRANSFORMS + name;
        }
        try {
            return newInstance(setting, name, Transformation.class);
        } catch (ConfigException e) {
            if (name.equals(className)) {
                throw e;
            }
            throw new ConfigException(setting, className, "a Transformation class on the classpath or one of "
                + "Tributary's (InsertField$Value, ReplaceField$Value, MaskField$Value, ValueToKey, "
                + "ExtractField$Value, HoistField$Value, Cast$Value, SetSchemaMetadata$Value, "
                + "TimestampConverter$Value, RegexRouter, TimestampRouter, Filter and the $Key variants)");
        }
    }

    private static final String KAFKA_PREDICATES = "org.apache.kafka.connect.transforms.predicates.";
    private static final String OUR_PREDICATES = "io.tributary.connect.transforms.predicates.";

    /**
     * A predicate by Kafka's class name ({@code org.apache.kafka.connect.transforms.predicates.TopicNameMatches}),
     * ours, its simple name or any class on the classpath.
     */
    static Predicate<?> newPredicate(String setting, String className) {
        String name = className;
        if (name.startsWith(KAFKA_PREDICATES)) {
            name = OUR_PREDICATES + name.substring(KAFKA_PREDICATES.length());
        } else if (!name.contains(".")) {
            name = OUR_PREDICATES + name;
        }
        try {
            return newInstance(setting, name, Predicate.class);
        } catch (ConfigException e) {
            if (name.equals(className)) {
                throw e;
            }
            throw new ConfigException(setting, className, "a Predicate class on the classpath or one of "
                + "Tributary's (TopicNameMatches, HasHeaderKey, RecordIsTombstone)");
        }
    }

    static <T> T newInstance(String setting, String className, Class<T> expected) {
        Class<?> type = BUILT_IN.get(className);
        if (type == null) {
            try {
                type = Class.forName(className, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : Plugins.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigException(setting, className, "a " + expected.getSimpleName()
                    + " class on the classpath or one of " + BUILT_IN.keySet().stream().filter(n -> !n.contains("."))
                    .filter(n -> expected.isAssignableFrom(BUILT_IN.get(n))).sorted().toList());
            }
        }
        if (!expected.isAssignableFrom(type)) {
            throw new ConfigException(setting, className, "a subclass of " + expected.getName());
        }
        try {
            return expected.cast(type.getDeclaredConstructor().newInstance());
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ConfigException(setting, className, "a public class with a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new ConfigException(setting + " : " + className + " could not be created: " + e.getCause());
        }
    }
}
