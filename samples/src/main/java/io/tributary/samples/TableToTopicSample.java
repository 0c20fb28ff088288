package io.tributary.samples;

import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.connect.runtime.FileOffsetStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Tributary Connect's JDBC source from Java: the rows of a database table become records, configured by the same
 * properties files {@code bin/connect-standalone} reads ({@code table-to-topic/worker.properties} and
 * {@code table-to-topic/jdbc-source.properties}, Kafka Connect's names).
 *
 * <p>It creates table {@code orders} in an H2 database file (H2 runs inside this JVM: nothing to install, no
 * server), inserts three rows, starts the connector in mode {@code timestamp+incrementing}, reads the records back,
 * updates one row (its {@code updated_at} moves on), reads the new version of that row, and stops: the stored
 * offset is the {@code updated_at} and {@code id} of the last row, so a restart would go on after it.
 *
 * <pre>
 * java -cp samples/target/tributary-samples.jar io.tributary.samples.TableToTopicSample [--bootstrap-server host:port]
 * </pre>
 */
public final class TableToTopicSample {
    private TableToTopicSample() {
    }

    public static void main(String[] args) throws Exception {
        try (TargetCluster cluster = TargetCluster.fromArgs(args)) {
            Path dir = Files.createTempDirectory("tributary-table-to-topic-");
            try {
                run(cluster.bootstrapServers(), dir);
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    static void run(String bootstrapServers, Path dir) throws IOException, SQLException {
        // The properties files as bin/connect-standalone would read them; only the machine-specific values change.
        Map<String, String> worker = load("table-to-topic/worker.properties");
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        worker.put("listeners", "http://127.0.0.1:0"); // any free port for the REST API
        Map<String, String> source = load("table-to-topic/jdbc-source.properties");
        // The database file in our directory, and no AUTO_SERVER: the connector runs in this JVM and opens the same
        // database as we do, so H2 needs no server (no port).
        String url = "jdbc:h2:" + dir.resolve("shop");
        source.put("connection.url", url);
        // A topic of our own per run (topic = prefix + table), so a second run against the same cluster reads
        // only its own rows.
        String prefix = source.get("topic.prefix") + Long.toHexString(System.nanoTime()) + "-";
        source.put("topic.prefix", prefix);
        String table = source.get("table.whitelist");
        String topic = prefix + table;

        try (Connection db = DriverManager.getConnection(url, source.get("connection.user"),
                source.get("connection.password"))) {
            // updated_at is set by every insert and update; it holds UTC wall-clock time, as db.timezone (UTC by
            // default) tells the connector.
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, item VARCHAR(50) NOT NULL, "
                    + "qty INTEGER NOT NULL, updated_at TIMESTAMP NOT NULL)");
            }
            insert(db, table, 1, "tea", 2);
            insert(db, table, 2, "milk", 1);
            insert(db, table, 3, "bread", 1);
            System.out.println("created table " + table + " with 3 rows");

            try (ConnectStandalone connect = ConnectStandalone.start(worker, List.of(source));
                 Consumer<String, String> consumer = TributaryConsumer.create(Map.of(
                     "bootstrap.servers", bootstrapServers, "auto.offset.reset", "earliest"),
                     Serdes.STRING_DESERIALIZER, Serdes.STRING_DESERIALIZER)) {
                System.out.println("connector " + source.get("name") + " is running; its status is at "
                    + "http://127.0.0.1:" + connect.restPort() + "/connectors/" + source.get("name") + "/status");
                consumer.assign(List.of(new TopicPartition(topic, 0))); // the source creates the topic on first send
                readRecords(consumer, topic, 3);

                // A changed row: its updated_at moves past the stored offset, so its new version is read.
                try (PreparedStatement ps = db.prepareStatement("UPDATE " + table
                        + " SET qty = ?, updated_at = ? WHERE id = ?")) {
                    ps.setInt(1, 5);
                    ps.setObject(2, LocalDateTime.now(ZoneOffset.UTC));
                    ps.setLong(3, 2);
                    ps.executeUpdate();
                }
                System.out.println("updated order 2: qty 5");
                readRecords(consumer, topic, 1);
            } // close() stops the connector; it stores the offset of the last acknowledged row first
        }

        Map<String, Object> offset = new FileOffsetStore(dir.resolve("connect.offsets"))
            .offset(source.get("name"), Map.of("table", table));
        long millis = ((Number) offset.get("timestamp")).longValue();
        Instant updatedAt = Instant.ofEpochSecond(Math.floorDiv(millis, 1000),
            ((Number) offset.get("timestamp_nanos")).longValue());
        System.out.println("stored offset: id " + offset.get("incrementing") + ", updated_at " + updatedAt
            + " (a restart resumes after that row)");
    }

    private static void insert(Connection db, String table, long id, String item, int qty) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + table
                + " (id, item, qty, updated_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, item);
            ps.setInt(3, qty);
            ps.setObject(4, LocalDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    /**
     * Polls until {@code count} records arrived (at most 30 s) and prints them. The source reads a row once it is
     * {@code timestamp.delay.interval.ms} old, at most {@code poll.interval.ms} later.
     */
    private static void readRecords(Consumer<String, String> consumer, String topic, int count) {
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (got.size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + got.size() + " of " + count + " rows reached " + topic);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(got::add);
        }
        for (ConsumerRecord<String, String> r : got) {
            System.out.printf("record at offset %d: %s%n", r.offset(), r.value());
        }
    }

    private static Map<String, String> load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TableToTopicSample.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            p.load(in);
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
