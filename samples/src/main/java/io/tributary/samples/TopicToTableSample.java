package io.tributary.samples;

import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.connect.runtime.ConnectStandalone;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Tributary Connect's JDBC sink from Java: the records of a topic become rows of a database table, configured by
 * the same properties files {@code bin/connect-standalone} reads ({@code topic-to-table/worker.properties} and
 * {@code topic-to-table/jdbc-sink.properties}, Kafka Connect's names).
 *
 * <p>It sends three orders as JSON without a schema, starts the connector (upserts by the value's {@code id},
 * creating the table from the first record) on an H2 database file (H2 runs inside this JVM: nothing to install,
 * no server), waits until the table holds the three rows and prints it, then sends a new version of one order and
 * prints the table again: still three rows, one of them changed.
 *
 * <pre>
 * java -cp samples/target/tributary-samples.jar io.tributary.samples.TopicToTableSample [--bootstrap-server host:port]
 * </pre>
 */
public final class TopicToTableSample {
    private TopicToTableSample() {
    }

    public static void main(String[] args) throws Exception {
        try (TargetCluster cluster = TargetCluster.fromArgs(args)) {
            Path dir = Files.createTempDirectory("tributary-topic-to-table-");
            try {
                run(cluster.bootstrapServers(), dir);
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    static void run(String bootstrapServers, Path dir) throws IOException, SQLException {
        // The properties files as bin/connect-standalone would read them; only the machine-specific values change.
        Map<String, String> worker = load("topic-to-table/worker.properties");
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        worker.put("listeners", "http://127.0.0.1:0"); // any free port for the REST API
        Map<String, String> sink = load("topic-to-table/jdbc-sink.properties");
        // The database file in our directory, and no AUTO_SERVER: the connector runs in this JVM and opens the same
        // database as we do, so H2 needs no server (no port).
        String url = "jdbc:h2:" + dir.resolve("shop");
        sink.put("connection.url", url);
        // A topic of our own per run, so a second run against the same cluster writes only its own records.
        String topic = sink.get("topics") + "-" + Long.toHexString(System.nanoTime());
        sink.put("topics", topic);
        String table = sink.get("table.name.format");

        try (Producer<String, String> producer = TributaryProducer.create(Map.of(
                 "bootstrap.servers", bootstrapServers, "acks", "all"),
                 Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER);
             Connection db = DriverManager.getConnection(url, sink.get("connection.user"),
                 sink.get("connection.password"))) {
            // Keyed by order id: every version of one order goes to the same partition, so the sink writes them
            // in the order they were sent and the last one wins.
            send(producer, topic, "1", "{\"id\":1,\"item\":\"tea\",\"qty\":2}");
            send(producer, topic, "2", "{\"id\":2,\"item\":\"milk\",\"qty\":1}");
            send(producer, topic, "3", "{\"id\":3,\"item\":\"bread\",\"qty\":1}");

            try (ConnectStandalone connect = ConnectStandalone.start(worker, List.of(sink))) {
                System.out.println("connector " + sink.get("name") + " is running; its status is at "
                    + "http://127.0.0.1:" + connect.restPort() + "/connectors/" + sink.get("name") + "/status");
                printTable(table, awaitTable(db, table, rows -> rows.size() == 3));

                send(producer, topic, "2", "{\"id\":2,\"item\":\"milk\",\"qty\":5}");
                // an upsert: the row of id 2 is replaced, no fourth row appears
                printTable(table, awaitTable(db, table, rows -> rows.contains("2 | milk | 5")));
            } // close() stops the connector; the sink commits the group's offsets after the rows are committed
        }
    }

    private static void send(Producer<String, String> producer, String topic, String key, String json) {
        RecordMetadata sent = producer.send(new ProducerRecord<>(topic, key, json)).join(); // throws if it failed
        System.out.printf("sent key %s: %s (partition %d, offset %d)%n", key, json, sent.partition(),
            sent.offset());
    }

    /**
     * The table once {@code done} accepts its rows ({@code "1 | tea | 2"}, by id): a header line, then the rows.
     * Polls for at most 30 s; the sink creates the table with the first record, until then there is nothing to read.
     */
    private static List<String> awaitTable(Connection db, String table, Predicate<List<String>> done)
        throws SQLException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                List<String> lines = readTable(db, table);
                if (done.test(lines.subList(1, lines.size()))) {
                    return lines;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("table " + table + " still holds " + lines);
                }
            } catch (SQLException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e; // the table was never created
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + table, e);
            }
        }
    }

    /** The column names, then each row by id, values joined by {@code " | "}. */
    private static List<String> readTable(Connection db, String table) throws SQLException {
        List<String> lines = new ArrayList<>();
        // The sink quotes the names it creates as written in its configuration: "orders", "id" in lower case.
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY \"id\"")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                values.add(md.getColumnLabel(i));
            }
            lines.add(String.join(" | ", values));
            while (rs.next()) {
                values.clear();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                lines.add(String.join(" | ", values));
            }
        }
        return lines;
    }

    private static void printTable(String table, List<String> lines) {
        System.out.println("table " + table + ", " + (lines.size() - 1) + " rows:");
        lines.forEach(line -> System.out.println("  " + line));
    }

    private static Map<String, String> load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TopicToTableSample.class.getClassLoader().getResourceAsStream(resource)) {
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
