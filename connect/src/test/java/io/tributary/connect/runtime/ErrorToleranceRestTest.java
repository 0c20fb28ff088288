package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import io.tributary.record.Header;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failing tasks over real HTTP: FAILED with the trace, other connectors unaffected, and the ways back. */
@EmbeddedBroker(properties = {"num.partitions=1"})
class ErrorToleranceRestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BootstrapServers
    static String bootstrap;

    @TempDir
    Path dir;

    private ConnectStandalone connect;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        connect = ConnectStandalone.start(Map.of(
            "bootstrap.servers", bootstrap,
            "key.converter", "StringConverter",
            "value.converter", "StringConverter",
            "offset.storage.file.filename", dir.resolve("offsets").toString(),
            "offset.flush.interval.ms", "100",
            "listeners", "http://127.0.0.1:0"), List.of());
    }

    @AfterEach
    void stop() {
        connect.close();
    }

    private JsonNode call(String method, String path, Object body, int expectedStatus) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + connect.restPort() + path))
            .header("Content-Type", "application/json").method(method, publisher).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expectedStatus);
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    private JsonNode task(String name) throws Exception {
        return call("GET", "/connectors/" + name + "/status", null, 200).at("/tasks/0");
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    void aBadRecordFailsOnlyItsTaskUntilErrorsAreToleratedThenGoesToTheDeadLetterQueue() throws Exception {
        try (TributaryProducer<byte[], byte[]> p = TributaryProducer.create(Map.of("bootstrap.servers", bootstrap),
                Serdes.byteArray().serializer(), Serdes.byteArray().serializer())) {
            for (String v : List.of("{\"n\":1}", "not json", "{\"n\":3}")) {
                p.send(new ProducerRecord<>("events", v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        Path jsonOut = dir.resolve("json.txt");
        Path rawOut = dir.resolve("raw.txt");
        Map<String, String> jsonSink = new HashMap<>(Map.of("connector.class", "FileStreamSink", "topics", "events",
            "file", jsonOut.toString(), "value.converter", "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable", "false"));
        call("PUT", "/connectors/json-sink/config", jsonSink, 201);
        call("PUT", "/connectors/raw-sink/config", Map.of("connector.class", "FileStreamSink", "topics", "events",
            "file", rawOut.toString()), 201);

        // errors.tolerance=none (the default): the task fails on "not json", with the stage in its trace.
        await().atMost(Duration.ofSeconds(15)).until(() -> task("json-sink").get("state").asText().equals("FAILED"));
        assertThat(task("json-sink").get("trace").asText())
            .startsWith("io.tributary.connect.errors.ConnectException: Tolerance exceeded in error handler")
            .contains("VALUE_CONVERTER", "topic events partition 0 offset 1", "\tat ");
        // The other connector reading the same topic goes on.
        await().atMost(Duration.ofSeconds(15)).until(() -> lines(rawOut) == 3);
        assertThat(task("raw-sink").get("state").asText()).isEqualTo("RUNNING");
        try (Admin admin = TributaryAdmin.create(bootstrap)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("connect-json-sink")
                .get();
            assertThat(committed.values()).as("never past the bad record")
                .allSatisfy(o -> assertThat(o.offset()).isLessThanOrEqualTo(1));
        }

        jsonSink.putAll(Map.of("errors.tolerance", "all", "errors.deadletterqueue.topic.name", "events-dlq",
            "errors.deadletterqueue.topic.replication.factor", "1",
            "errors.deadletterqueue.context.headers.enable", "true"));
        call("PUT", "/connectors/json-sink/config", jsonSink, 200);
        await().atMost(Duration.ofSeconds(15)).until(() -> lines(jsonOut) == 2);
        assertThat(task("json-sink").get("state").asText()).isEqualTo("RUNNING");
        assertThat(Files.readAllLines(jsonOut)).containsExactly("{n=1}", "{n=3}");

        ConsumerRecord<byte[], byte[]> dead = readOne("events-dlq");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        Map<String, String> headers = new HashMap<>();
        for (Header h : dead.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsEntry("__connect.errors.topic", "events")
            .containsEntry("__connect.errors.offset", "1").containsEntry("__connect.errors.stage", "VALUE_CONVERTER")
            .containsEntry("__connect.errors.connector.name", "json-sink")
            .containsKey("__connect.errors.exception.stacktrace");
    }

    @Test
    void aRestartBringsAFailedTaskBackOnceTheCauseIsGone() throws Exception {
        Path target = dir.resolve("out");
        Files.createDirectory(target); // a directory cannot be appended to: the sink task fails in start()
        call("PUT", "/connectors/files/config", Map.of("connector.class", "FileStreamSink", "topics", "restarted",
            "file", target.toString()), 201);
        await().atMost(Duration.ofSeconds(15)).until(() -> task("files").get("state").asText().equals("FAILED"));
        assertThat(call("GET", "/connectors/files/tasks/0/status", null, 200).get("trace").asText())
            .contains("cannot open " + target);

        Files.delete(target);
        call("POST", "/connectors/files/restart?includeTasks=true&onlyFailed=true", null, 202);
        await().atMost(Duration.ofSeconds(15)).until(() -> task("files").get("state").asText().equals("RUNNING"));
        assertThat(task("files").has("trace")).isFalse();
        try (TributaryProducer<byte[], byte[]> p = TributaryProducer.create(Map.of("bootstrap.servers", bootstrap),
                Serdes.byteArray().serializer(), Serdes.byteArray().serializer())) {
            p.send(new ProducerRecord<>("restarted", "back".getBytes(StandardCharsets.UTF_8))).get();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> lines(target) == 1);
        assertThat(Files.readAllLines(target)).containsExactly("back");
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
        try (TributaryConsumer<byte[], byte[]> c = TributaryConsumer.create(Map.of("bootstrap.servers", bootstrap,
                "auto.offset.reset", "earliest"), Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(got::add);
                return !got.isEmpty();
            });
            return got.get(0);
        }
    }
}
