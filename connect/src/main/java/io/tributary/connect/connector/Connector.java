package io.tributary.connect.connector;

import io.tributary.common.config.ConfigDef;
import java.util.List;
import java.util.Map;

/**
 * A connector: takes its configuration, declares the keys it accepts, and splits the work into task
 * configurations. It moves no data itself; its {@link Task}s do. The runtime calls {@link #config()},
 * then {@link #start}, {@link #taskConfigs}, and finally {@link #stop}, all from one thread.
 *
 * <p>Implementations need a public no-argument constructor: the runtime creates them from {@code connector.class}.
 */
public abstract class Connector {
    /** The connector's version, shown in logs. */
    public abstract String version();

    /** Starts with the connector's configuration (already validated against {@link #config()}). */
    public abstract void start(Map<String, String> props);

    /** The task class that does the work. */
    public abstract Class<? extends Task> taskClass();

    /** At most {@code maxTasks} task configurations; each runs in its own task. */
    public abstract List<Map<String, String>> taskConfigs(int maxTasks);

    /** Stops; the tasks are already stopped. */
    public abstract void stop();

    /** The configuration keys this connector accepts (beyond the runtime's own), with their validators. */
    public abstract ConfigDef config();
}
