package io.tributary.connect.jdbc;

import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.TopicPartition;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.sink.ErrantRecordReporter;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import io.tributary.connect.sink.SinkTaskContext;
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
 * left to do and the offsets the runtime commits after it never cover a row that is not committed.
 *
 * <p>A record it cannot write goes to the errant record reporter ({@link SinkTaskContext#errantRecordReporter()}):
 * with {@code errors.tolerance=all} to the dead letter queue while the rest of the batch is written, with
 * {@code none} the reporter throws and the task fails with nothing of that batch committed. That covers records it
 * cannot turn into a row (a tombstone without {@code delete.enabled}, a missing key field, a value it has no column
 * type for), rows that do not fit their table (missing table or columns without {@code auto.create}/{@code
 * auto.evolve}), and rows the database refuses: when a batch fails, it is rolled back and written again one row at a
 * time to find them. An error of the connection or the database as a whole (not a row's) fails the task, as does any
 * failure when there is no reporter (a runtime without one): after a restart the batch is read again from the last
 * committed offsets.
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
        if (config.insertMode == JdbcSinkConfig.InsertMode.UPSERT) {
            try {
                dialect.upsert("t", List.of("k"), List.of("v"));
            } catch (UnsupportedOperationException e) {
                throw new ConnectException(e.getMessage());
            }
        }
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
        ErrantRecordReporter reporter = context == null ? null : context.errantRecordReporter();
        List<SinkRow> rows = new ArrayList<>(records.size());
        List<SinkRecord> written = new ArrayList<>(records.size());
        for (SinkRecord r : records) {
            try {
                rows.add(SinkRow.of(r, config));
                written.add(r);
            } catch (ConnectException e) {
                if (reporter == null) {
                    throw e;
                }
                reporter.report(r, e);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            writer.write(rows);
        } catch (SQLException | ConnectException e) {
            if (reporter == null || !writer.isRecordError(e)) {
                throw failure(rows.size(), e);
            }
            log.warn("writing {} records to {} failed ({}); writing them one at a time to find the ones that cannot "
                + "be written", rows.size(), config.connection.url(), e instanceof SQLException sql ? describe(sql)
                : e.getMessage());
            try {
                writer.writeEach(rows, (i, error) -> reporter.report(written.get(i), error));
            } catch (SQLException again) {
                throw failure(rows.size(), again);
            }
        }
    }

    private ConnectException failure(int rows, Exception e) {
        if (e instanceof ConnectException ce) {
            return ce;
        }
        return new ConnectException("writing " + rows + " records to " + config.connection.url() + " failed: "
            + describe((SQLException) e), e);
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
