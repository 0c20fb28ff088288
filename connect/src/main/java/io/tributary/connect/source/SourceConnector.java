package io.tributary.connect.source;

import io.tributary.connect.connector.Connector;

/** A connector whose tasks are {@link SourceTask}s: they bring data from an external system into topics. */
public abstract class SourceConnector extends Connector {
}
