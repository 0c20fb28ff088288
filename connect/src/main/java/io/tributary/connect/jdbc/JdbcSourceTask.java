package io.tributary.connect.jdbc;

import io.tributary.common.Time;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads its tables (the connector's {@code tables} share of {@code table.whitelist}, or the {@code query}) over one
 * connection. Each poll serves the table whose result set is open, else the one due first: it runs the table's query
 * when {@code poll.interval.ms} has passed since its last one ended and returns up to {@code batch.max.rows} rows;
 * the result set stays open across polls until exhausted, then the read transaction ends. Offsets are read back
 * from the runtime at start, so a restart resumes after the last acknowledged row.
 */
public class JdbcSourceTask extends SourceTask {
    static final String VERSION = "0.1.0";
    private static final Logger log = LoggerFactory.getLogger(JdbcSourceTask.class);
    private static final long MAX_WAIT_MS = 100;

    private Time time = Time.SYSTEM;
    private JdbcSourceConfig config;
    private Connection connection;
    private final List<TableQuerier> queriers = new ArrayList<>();
    private boolean stopped;

    /** For tests: the clock that decides when tables are due and where the timestamp delay ends. */
    void time(Time time) {
        this.time = time;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public synchronized void start(Map<String, String> props) {
        config = new JdbcSourceConfig(props);
        DatabaseDialect dialect = DatabaseDialect.forUrl(config.connection.url());
        List<String> tables = config.query.isEmpty() ? config.tables : java.util.Collections.singletonList(null);
        for (String table : tables) {
            Map<String, ?> stored = context == null ? null
                : context.offsetStorageReader().offset(TableQuerier.partition(table));
            SourceOffset offset = SourceOffset.fromMap(stored);
            if (stored != null) {
                log.info("{}: resuming after {}", table == null ? "query" : table, offset);
            }
            queriers.add(new TableQuerier(config, dialect, table, offset));
        }
        connection = config.connection.open();
        try {
            // One read transaction per query: PostgreSQL streams a result set (fetch size) only inside one.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
        } catch (SQLException e) {
            throw new ConnectException("cannot prepare the connection to " + config.connection.url(), e);
        }
        log.info("reading {} from {} in mode {} ({} dialect)", config.query.isEmpty() ? config.tables : "the query",
            config.connection.url(), config.mode.text, dialect.name());
    }

    @Override
    public synchronized List<SourceRecord> poll() throws InterruptedException {
        if (stopped || queriers.isEmpty()) {
            if (!stopped) {
                wait(MAX_WAIT_MS);
            }
            return null;
        }
        TableQuerier q = queriers.stream().filter(TableQuerier::isOpen).findFirst()
            .orElseGet(() -> queriers.stream().min(Comparator.comparingLong(x -> x.nextRunMs)).orElseThrow());
        long now = time.milliseconds();
        if (!q.isOpen() && q.nextRunMs > now) {
            wait(Math.min(q.nextRunMs - now, MAX_WAIT_MS));
            return null;
        }
        try {
            if (!q.isOpen()) {
                q.execute(connection, now);
            }
            List<SourceRecord> records = q.read(config.batchMaxRows);
            if (q.isExhausted()) {
                q.close();
                connection.commit();
                q.nextRunMs = time.milliseconds() + config.pollIntervalMs;
            }
            log.debug("{}: {} rows", q.describe(), records.size());
            return records.isEmpty() ? null : records;
        } catch (SQLException e) {
            q.close();
            throw new ConnectException("reading " + q.describe() + " from " + config.connection.url() + " failed: "
                + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        notifyAll();
        queriers.forEach(TableQuerier::close);
        if (connection != null) {
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException e) {
                log.warn("closing the connection to {} failed", config.connection.url(), e);
            }
            connection = null;
        }
    }
}
