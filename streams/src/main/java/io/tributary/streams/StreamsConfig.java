package io.tributary.streams;

import static io.tributary.common.config.ConfigDef.Type.BOOLEAN;
import static io.tributary.common.config.ConfigDef.Type.INT;
import static io.tributary.common.config.ConfigDef.Type.LONG;
import static io.tributary.common.config.ConfigDef.Type.STRING;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ParsedConfig;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.errors.DeserializationExceptionHandler;
import io.tributary.streams.errors.ProductionExceptionHandler;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of a {@link TributaryStreams} application, with Kafka Streams' names. Settings for the clients the
 * runtime creates go through prefixes: {@code consumer.}, {@code producer.}, {@code restore.consumer.} and
 * {@code admin.} (for example {@code consumer.max.poll.records=100}).
 */
public final class StreamsConfig {
    /** The application's id: its consumer group and the prefix of its internal topics. Required. */
    public static final String APPLICATION_ID_CONFIG = "application.id";
    /** The brokers to connect to. Required. */
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    /** How often a stream thread commits (flushes its output, then commits consumed offsets). */
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    /** {@code at_least_once} (the only one for now); {@code exactly_once_v2} waits for transactions. */
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    /** The longest a stream thread's poll blocks waiting for records. */
    public static final String POLL_MS_CONFIG = "poll.ms";
    /** Replication factor of changelog topics the application creates; -1 for the broker's default. */
    public static final String REPLICATION_FACTOR_CONFIG = "replication.factor";

    /**
     * When true, a topology with any state store or internal topic whose name was derived (not given with
     * {@code Materialized.as}, {@code Grouped.as}, {@code Repartitioned.as}, ...) is refused at start-up.
     */
    public static final String TOPOLOGY_REQUIRE_NAMES_CONFIG = "topology.require.names";
    /** Kafka Streams' name (KIP-1111) for {@link #TOPOLOGY_REQUIRE_NAMES_CONFIG}; either may be set. */
    public static final String ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG =
        "ensure.explicit.internal.resource.naming";
    /** How many stream threads an instance runs (each with its own consumer, producer and tasks). */
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    /** Where persistent stores keep their files: {@code <state.dir>/<application.id>/<task>/<store>}. */
    public static final String STATE_DIR_CONFIG = "state.dir";
    /** The {@link io.tributary.streams.errors.DeserializationExceptionHandler} class (or Kafka's class name). */
    public static final String DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG =
        "default.deserialization.exception.handler";
    /** Kafka 4's name of {@link #DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG}; wins when both are set. */
    public static final String DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG = "deserialization.exception.handler";
    /** The {@link io.tributary.streams.errors.ProductionExceptionHandler} class (or Kafka's class name). */
    public static final String DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG =
        "default.production.exception.handler";
    /** Kafka 4's name of {@link #DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG}; wins when both are set. */
    public static final String PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG = "production.exception.handler";
    /** Prefix of the clients' {@code client.id}s: {@code <client.id>-StreamThread-<n>-consumer}, ... */
    public static final String CLIENT_ID_CONFIG = "client.id";

    public static final String AT_LEAST_ONCE = "at_least_once";
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";

    /** Prefixes of settings passed to the clients, without the prefix. */
    public static final List<String> CLIENT_PREFIXES = List.of("consumer.", "producer.", "restore.consumer.", "admin.");

    /** Every key the runtime knows. */
    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(APPLICATION_ID_CONFIG, STRING, ConfigDef.NO_DEFAULT,
            "the application's id: its consumer group and the prefix of its internal topics")
        .define(BOOTSTRAP_SERVERS_CONFIG, STRING, ConfigDef.NO_DEFAULT, "host:port pairs of brokers, comma-separated")
        .define(COMMIT_INTERVAL_MS_CONFIG, LONG, 30000L, ConfigDef.Range.atLeast(0),
            "how often to flush output and commit consumed offsets")
        .define(PROCESSING_GUARANTEE_CONFIG, STRING, AT_LEAST_ONCE, (name, value) -> checkGuarantee((String) value),
            "at_least_once; exactly_once_v2 is refused until the clients support transactions")
        .define(POLL_MS_CONFIG, LONG, 100L, ConfigDef.Range.atLeast(0), "longest a poll blocks")
        .define(TOPOLOGY_REQUIRE_NAMES_CONFIG, BOOLEAN, false,
            "refuse topologies whose stores or internal topics have derived names")
        .define(ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, BOOLEAN, false,
            "Kafka Streams' name for topology.require.names")
        .define(REPLICATION_FACTOR_CONFIG, INT, -1, ConfigDef.Range.between(-1, Short.MAX_VALUE),
            "replication factor of changelog topics (-1: the broker's default)")
        .define(NUM_STREAM_THREADS_CONFIG, INT, 1, ConfigDef.Range.atLeast(1), "stream threads per instance")
        .define(STATE_DIR_CONFIG, STRING, System.getProperty("java.io.tmpdir") + java.io.File.separator
            + "tributary-streams", "directory of persistent stores")
        .define(DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, STRING,
            "io.tributary.streams.errors.LogAndFailExceptionHandler", "what to do with records that cannot be read")
        .define(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, STRING, "",
            "Kafka 4's name of default.deserialization.exception.handler")
        .define(DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, STRING,
            "io.tributary.streams.errors.DefaultProductionExceptionHandler",
            "what to do with records that cannot be written")
        .define(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, STRING, "",
            "Kafka 4's name of default.production.exception.handler")
        .define(CLIENT_ID_CONFIG, STRING, "", "prefix of the clients' ids (default: <application.id>-<random uuid>)");

    private StreamsConfig() {
    }

    /** Parses and validates {@code props}. */
    static ParsedConfig parse(Map<?, ?> props) {
        return DEFINITION.parse(props);
    }

    /**
     * Refuses {@code topology} when names are required and some were derived.
     *
     * @throws TopologyException listing every derived name and how to give it
     */
    static void checkNames(ParsedConfig config, InternalTopology topology) {
        boolean required = config.getBoolean(TOPOLOGY_REQUIRE_NAMES_CONFIG)
            || config.getBoolean(ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG);
        List<String> derived = topology.derivedNames();
        if (required && !derived.isEmpty()) {
            throw new TopologyException(TOPOLOGY_REQUIRE_NAMES_CONFIG + "=true but " + derived.size()
                + " state store(s) or internal topic(s) have derived names: " + String.join("; ", derived));
        }
    }

    private static void checkGuarantee(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.startsWith("exactly_once")) {
            throw new ConfigException(PROCESSING_GUARANTEE_CONFIG + "=" + value + " is not supported until "
                + "transactions exist in Tributary's clients; use " + AT_LEAST_ONCE);
        }
        if (!v.equals(AT_LEAST_ONCE)) {
            throw new ConfigException(PROCESSING_GUARANTEE_CONFIG, value, AT_LEAST_ONCE);
        }
    }

    /**
     * The deserialization exception handler the settings name, configured with them. Kafka's class names
     * ({@code org.apache.kafka.streams.errors.LogAndContinueExceptionHandler}, {@code ...LogAndFailExceptionHandler})
     * map to Tributary's.
     */
    static DeserializationExceptionHandler deserializationHandler(ParsedConfig config, Map<String, ?> all) {
        String name = config.getString(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG);
        String key = DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG;
        if (name.isBlank()) {
            name = config.getString(DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG);
            key = DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG;
        }
        DeserializationExceptionHandler handler = instantiate(key, name.trim()
            .replace("org.apache.kafka.streams.errors.", "io.tributary.streams.errors."),
            DeserializationExceptionHandler.class);
        handler.configure(all);
        return handler;
    }

    /**
     * The production exception handler the settings name, configured with them. Kafka's
     * {@code org.apache.kafka.streams.errors.DefaultProductionExceptionHandler} maps to Tributary's.
     */
    static ProductionExceptionHandler productionHandler(ParsedConfig config, Map<String, ?> all) {
        String name = config.getString(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG);
        String key = PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG;
        if (name.isBlank()) {
            name = config.getString(DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG);
            key = DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG;
        }
        ProductionExceptionHandler handler = instantiate(key, name.trim()
            .replace("org.apache.kafka.streams.errors.", "io.tributary.streams.errors."),
            ProductionExceptionHandler.class);
        handler.configure(all);
        return handler;
    }

    private static <T> T instantiate(String key, String className, Class<T> type) {
        Object o;
        try {
            o = Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConfigException(key + "=" + className + ": cannot create it (" + e + "); expected a class "
                + "implementing " + type.getName() + " with a public no-argument constructor");
        }
        if (!type.isInstance(o)) {
            throw new ConfigException(key + "=" + className + " does not implement " + type.getName());
        }
        return type.cast(o);
    }
}
