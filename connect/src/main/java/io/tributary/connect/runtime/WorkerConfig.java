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
            "how often source offsets are stored and sink offsets flushed and committed");

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
