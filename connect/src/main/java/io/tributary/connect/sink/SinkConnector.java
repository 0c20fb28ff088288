package io.tributary.connect.sink;

import io.tributary.connect.connector.Connector;

/** A connector whose tasks are {@link SinkTask}s: they write the records of {@code topics} to an external system. */
public abstract class SinkConnector extends Connector {
    /** The key listing the topics a sink reads. */
    public static final String TOPICS_CONFIG = SinkTask.TOPICS_CONFIG;
}
