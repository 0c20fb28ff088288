package io.tributary.connect.jdbc;

import io.tributary.common.config.ConfigDef;
import io.tributary.connect.connector.Task;
import io.tributary.connect.sink.SinkConnector;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Writes the records of {@code topics} as rows of a table per topic, through JDBC (Confluent's JDBC sink's
 * configuration names): plain inserts, upserts or updates by a primary key from the record key or value, optional
 * deletes for tombstones, and tables created and extended from the records' fields. Values are structs with a
 * schema or maps from schemaless JSON. See the connect README for the keys, the dialects and the type mapping.
 *
 * <pre>
 * name=orders-sink
 * connector.class=JdbcSink
 * topics=orders
 * connection.url=jdbc:postgresql://127.0.0.1:5432/shop
 * insert.mode=upsert
 * pk.mode=record_value
 * pk.fields=id
 * auto.create=true
 * </pre>
 *
 * <p>Each of the {@code tasks.max} tasks has its own connection; the consumer group spreads the partitions.
 */
public class JdbcSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return JdbcSourceTask.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        // Parsing checks the combinations (upsert needs a key, deletes need pk.mode=record_key).
        new JdbcSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return JdbcSinkConfig.CONFIG_DEF;
    }
}
