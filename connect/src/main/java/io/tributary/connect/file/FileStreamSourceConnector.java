package io.tributary.connect.file;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.connect.connector.Task;
import io.tributary.connect.source.SourceConnector;
import java.util.List;
import java.util.Map;

/**
 * Reads a text file line by line into a topic, following lines appended later, and resumes at its stored position
 * after a restart. One task (a file cannot be split). Configuration: {@code file} (required), {@code topic}
 * (required), {@code batch.size} (most lines per poll, default 2000).
 *
 * <pre>
 * name=local-file-source
 * connector.class=FileStreamSource
 * file=/var/log/app.log
 * topic=app-log
 * </pre>
 */
public class FileStreamSourceConnector extends SourceConnector {
    public static final String FILE_CONFIG = "file";
    public static final String TOPIC_CONFIG = "topic";
    public static final String TASK_BATCH_SIZE_CONFIG = "batch.size";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(FILE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT, nonBlank(), "the file to read")
        .define(TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT, nonBlank(), "the topic to write lines to")
        .define(TASK_BATCH_SIZE_CONFIG, Type.INT, 2000, ConfigDef.Range.atLeast(1), "most lines one poll returns");

    private Map<String, String> props;

    static ConfigDef.Validator nonBlank() {
        return (name, value) -> {
            if (value.toString().isBlank()) {
                throw new io.tributary.common.config.ConfigException(name, value, "a non-empty value");
            }
        };
    }

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
        return FileStreamSourceTask.class;
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
