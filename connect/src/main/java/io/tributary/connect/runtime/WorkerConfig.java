package io.tributary.connect.runtime;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.common.config.ParsedConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standalone worker's configuration ({@code worker.properties}), with Kafka Connect's names. Keys starting
 * with {@code producer.} / {@code consumer.} go, prefix removed, to the clients the worker creates; keys starting
 * with {@code key.converter.} / {@code value.converter.} configure the converters. Immutable.
 */
public final class WorkerConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String KEY_CONVERTER_CLASS_CONFIG = "key.converter";
    public static final String VALUE_CONVERTER_CLASS_CONFIG = "value.converter";
    public static final String OFFSET_STORAGE_FILE_FILENAME_CONFIG = "offset.storage.file.filename";
    public static final String OFFSET_COMMIT_INTERVAL_MS_CONFIG = "offset.flush.interval.ms";
    public static final String LISTENERS_CONFIG = "listeners";
    public static final String REST_HOST_NAME_CONFIG = "rest.host.name";
    public static final String REST_PORT_CONFIG = "rest.port";

    /** Every key the standalone worker reads. */
    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, "localhost:9092", "host:port pairs of the cluster")
        .define(KEY_CONVERTER_CLASS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT,
            "Converter class for record keys (StringConverter, JsonConverter, ByteArrayConverter)")
        .define(VALUE_CONVERTER_CLASS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT,
            "Converter class for record values (StringConverter, JsonConverter, ByteArrayConverter)")
        .define(OFFSET_STORAGE_FILE_FILENAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT,
            "file where source connector offsets are stored")
        .define(OFFSET_COMMIT_INTERVAL_MS_CONFIG, Type.LONG, 60000L, ConfigDef.Range.atLeast(1),
            "how often source offsets are stored and sink offsets flushed and committed")
        .define(LISTENERS_CONFIG, Type.LIST, null,
            "where the REST API listens, http://host:port (an empty host binds every interface; port 0 picks one)")
        .define(REST_HOST_NAME_CONFIG, Type.STRING, null, "the REST API's host when listeners is not set (Kafka's "
            + "older key)")
        .define(REST_PORT_CONFIG, Type.INT, 8083, ConfigDef.Range.between(0, 65535),
            "the REST API's port when listeners is not set (Kafka's older key)");

    private final Map<String, String> originals;
    private final ParsedConfig parsed;

    public WorkerConfig(Map<String, String> props) {
        this.originals = Map.copyOf(props);
        this.parsed = DEFINITION.parse(props);
    }

    public List<String> bootstrapServers() {
        return parsed.getList(BOOTSTRAP_SERVERS_CONFIG);
    }

    public String keyConverter() {
        return parsed.getString(KEY_CONVERTER_CLASS_CONFIG);
    }

    public String valueConverter() {
        return parsed.getString(VALUE_CONVERTER_CLASS_CONFIG);
    }

    public String offsetStorageFile() {
        return parsed.getString(OFFSET_STORAGE_FILE_FILENAME_CONFIG);
    }

    public long offsetFlushIntervalMs() {
        return parsed.getLong(OFFSET_COMMIT_INTERVAL_MS_CONFIG);
    }

    /**
     * The REST API's address: the first of {@code listeners}, else {@code rest.host.name}:{@code rest.port}, else
     * every interface on port 8083.
     *
     * @throws io.tributary.common.config.ConfigException for a listener that is not {@code http://host:port}
     */
    public java.net.InetSocketAddress restAddress() {
        List<String> listeners = parsed.getList(LISTENERS_CONFIG);
        if (listeners == null || listeners.isEmpty()) {
            String host = parsed.getString(REST_HOST_NAME_CONFIG);
            int port = parsed.getInt(REST_PORT_CONFIG);
            return host == null || host.isBlank() ? new java.net.InetSocketAddress(port)
                : new java.net.InetSocketAddress(host.trim(), port);
        }
        String l = listeners.get(0).trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)http://(\\[[^]]*]|[^:/]*):(\\d{1,5})/?")
            .matcher(l);
        if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
            throw new io.tributary.common.config.ConfigException(LISTENERS_CONFIG, l,
                "http://host:port (https is not supported yet)");
        }
        String host = m.group(1);
        int port = Integer.parseInt(m.group(2));
        return host.isEmpty() ? new java.net.InetSocketAddress(port) : new java.net.InetSocketAddress(host, port);
    }

    /** All keys as given. */
    public Map<String, String> originals() {
        return originals;
    }

    /** The keys starting with {@code prefix}, prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        return withPrefix(originals, prefix);
    }

    static Map<String, String> withPrefix(Map<String, String> props, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
