package io.tributary.connect.jdbc;

import io.tributary.common.config.ConfigDef;
import io.tributary.connect.connector.Task;
import io.tributary.connect.source.SourceConnector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads database tables (or one query) into topics through JDBC, with Confluent's JDBC source's configuration
 * names: {@code mode} bulk, incrementing, timestamp or timestamp+incrementing, one topic per table
 * ({@code topic.prefix} + table), rows as structs with a schema mapped from the SQL types, and per-table offsets so
 * a restart resumes where it stopped. See the connect README for the keys, the modes and the type mapping.
 *
 * <pre>
 * name=orders-source
 * connector.class=JdbcSource
 * connection.url=jdbc:h2:./data/shop
 * mode=timestamp+incrementing
 * incrementing.column.name=id
 * timestamp.column.name=updated_at
 * table.whitelist=orders,customers
 * topic.prefix=shop-
 * </pre>
 *
 * <p>The tables are spread over at most {@code tasks.max} tasks (a query has one task).
 */
public class JdbcSourceConnector extends SourceConnector {
    private Map<String, String> props;
    private JdbcSourceConfig config;

    @Override
    public String version() {
        return JdbcSourceTask.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        // Parsing checks the combinations (table.whitelist or query; the mode's columns).
        this.config = new JdbcSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSourceTask.class;
    }

    /** One task for a query; else the tables dealt round-robin over {@code min(maxTasks, tables)} tasks. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (!config.query.isEmpty()) {
            return List.of(props);
        }
        int n = Math.min(maxTasks, config.tables.size());
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < config.tables.size(); i++) {
            groups.get(i % n).add(config.tables.get(i));
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> group : groups) {
            Map<String, String> task = new HashMap<>(props);
            task.put(JdbcSourceConfig.TABLES_CONFIG, String.join(",", group));
            out.add(Map.copyOf(task));
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConfig.CONFIG_DEF;
    }
}
