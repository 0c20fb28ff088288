package io.tributary.connect.file;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.connect.connector.Task;
import io.tributary.connect.sink.SinkConnector;
import java.util.List;
import java.util.Map;

/**
 * Writes each record of {@code topics} as one line (the value's text) to {@code file}, flushed to disk before the
 * runtime commits the consumer offsets. One task, so lines keep the order of each partition.
 *
 * <pre>
 * name=local-file-sink
 * connector.class=FileStreamSink
 * topics=app-log
 * file=/tmp/app-log.copy
 * </pre>
 */
public class FileStreamSinkConnector extends SinkConnector {
    public static final String FILE_CONFIG = "file";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(FILE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT, FileStreamSourceConnector.nonBlank(),
            "the file to append lines to (created if missing)");

    private Map<String, String> props;

    @Override
    public String version() {
        return FileStreamSourceTask.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileStreamSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
