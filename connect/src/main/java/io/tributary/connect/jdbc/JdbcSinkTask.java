package io.tributary.connect.jdbc;

import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.TopicPartition;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@link #put} batch to the database and commits it before returning, so {@link #flush} has nothing
 * left to do and the offsets the runtime commits after it never cover a row that is not committed. A record that
 * cannot be written, or a database error, fails the task (nothing of that batch is committed; after a restart the
 * batch is read again from the last committed offsets).
 */
public class JdbcSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(JdbcSinkTask.class);

    private JdbcSinkConfig config;
    private Connection connection;
    private JdbcWriter writer;

    @Override
    public String version() {
        return JdbcSourceTask.VERSION;
    }

    @Override
    public synchronized void start(Map<String, String> props) {
        config = new JdbcSinkConfig(props);
        DatabaseDialect dialect = DatabaseDialect.forUrl(config.connection.url());
        connection = config.connection.open();
        try {
            writer = new JdbcWriter(config, dialect, connection);
        } catch (SQLException e) {
            throw new ConnectException("cannot prepare the connection to " + config.connection.url(), e);
        }
        log.info("writing to {} ({} dialect, insert.mode={}, pk.mode={})", config.connection.url(), dialect.name(),
            config.insertMode, config.pkMode);
    }

    @Override
    public synchronized void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<SinkRow> rows = new ArrayList<>(records.size());
        for (SinkRecord r : records) {
            rows.add(SinkRow.of(r, config));
        }
        try {
            writer.write(rows);
        } catch (SQLException e) {
            throw new ConnectException("writing " + rows.size() + " records to " + config.connection.url()
                + " failed: " + describe(e), e);
        }
    }

    /** Nothing to do: {@link #put} committed its rows before returning. */
    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    }

    @Override
    public synchronized void stop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing the connection to {} failed", config.connection.url(), e);
            }
            connection = null;
        }
    }

    /** The message and the chained exceptions' (a failed batch's real cause is often the next exception). */
    static String describe(SQLException e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        SQLException next = e.getNextException();
        for (int i = 0; next != null && i < 3; i++, next = next.getNextException()) {
            sb.append("; ").append(next.getMessage());
        }
        return sb.toString();
    }
}
