package io.tributary.connect.connector;

import java.util.Map;

/**
 * One unit of a connector's work, run on its own thread by the runtime. {@link #stop} is called from another
 * thread and must make a blocked {@code poll} or {@code put} return soon.
 */
public interface Task {
    /** The task's version, shown in logs. */
    String version();

    /** Starts with one of the configurations its connector's {@code taskConfigs} returned. */
    void start(Map<String, String> props);

    /** Asks the task to stop; called from a thread other than the task's. */
    void stop();
}
