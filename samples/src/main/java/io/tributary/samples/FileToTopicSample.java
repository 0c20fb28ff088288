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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Tributary Connect from Java: a file source that turns each line of a log file into a record, configured by the
 * same properties files {@code bin/connect-standalone} reads ({@code file-to-topic/worker.properties} and
 * {@code file-to-topic/file-source.properties}, Kafka Connect's names).
 *
 * <p>It writes three lines to a fresh log file, starts the connector, reads the records back, appends two lines
 * (the source follows the file, as {@code tail -f}), reads those too, and stops: the stored offset is the byte
 * after the last line, so a restart would go on from there.
 *
 * <pre>
 * java -cp samples/target/tributary-samples.jar io.tributary.samples.FileToTopicSample [--bootstrap-server host:port]
 * </pre>
 */
public final class FileToTopicSample {
    private FileToTopicSample() {
    }

    public static void main(String[] args) throws Exception {
        try (TargetCluster cluster = TargetCluster.fromArgs(args)) {
            Path dir = Files.createTempDirectory("tributary-file-to-topic-");
            try {
                run(cluster.bootstrapServers(), dir);
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    static void run(String bootstrapServers, Path dir) throws IOException {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "GET /index.html 200\nGET /missing 404\nPOST /login 302\n", StandardCharsets.UTF_8);

        // The properties files as bin/connect-standalone would read them; only the machine-specific values change.
        Map<String, String> worker = load("file-to-topic/worker.properties");
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        worker.put("listeners", "http://127.0.0.1:0"); // any free port for the REST API
        Map<String, String> source = load("file-to-topic/file-source.properties");
        source.put("file", log.toString());
        // A topic of our own per run, so a second run against the same cluster reads only its own lines.
        String topic = source.get("topic") + "-" + Long.toHexString(System.nanoTime());
        source.put("topic", topic);

        try (ConnectStandalone connect = ConnectStandalone.start(worker, List.of(source));
             Consumer<String, String> consumer = TributaryConsumer.create(Map.of(
                 "bootstrap.servers", bootstrapServers, "auto.offset.reset", "earliest"),
                 Serdes.STRING_DESERIALIZER, Serdes.STRING_DESERIALIZER)) {
            System.out.println("connector " + source.get("name") + " is running; its status is at http://127.0.0.1:"
                + connect.restPort() + "/connectors/" + source.get("name") + "/status");
            consumer.assign(List.of(new TopicPartition(topic, 0))); // the source creates the topic on first send
            readLines(consumer, topic, 3);

            Files.writeString(log, "GET /about.html 200\nGET /favicon.ico 404\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
            System.out.println("appended 2 lines to " + log.getFileName());
            readLines(consumer, topic, 2);
        } // close() stops the connector; it stores the offset of the last acknowledged line first

        Map<String, Object> offset = new FileOffsetStore(dir.resolve("connect.offsets"))
            .offset(source.get("name"), Map.of("filename", log.toString()));
        System.out.println("stored offset: byte " + offset.get("position") + " of " + Files.size(log)
            + " (a restart resumes there)");
    }

    /** Polls until {@code count} records arrived (at most 30 s) and prints them. */
    private static void readLines(Consumer<String, String> consumer, String topic, int count) {
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (got.size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + got.size() + " of " + count + " lines reached " + topic);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(got::add);
        }
        for (ConsumerRecord<String, String> r : got) {
            System.out.printf("record at offset %d: %s%n", r.offset(), r.value());
        }
    }

    private static Map<String, String> load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = FileToTopicSample.class.getClassLoader().getResourceAsStream(resource)) {
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
