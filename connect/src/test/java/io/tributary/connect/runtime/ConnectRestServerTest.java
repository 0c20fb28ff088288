package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.junit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kafka Connect's REST API against a standalone worker on a free port, with java.net.http. */
@EmbeddedBroker(properties = {"num.partitions=1"})
class ConnectRestServerTest extends RestWorkerTestBase {
    private String taskState(String name) throws Exception {
        return call("GET", "/connectors/" + name + "/status", null).body().at("/tasks/0/state").asText();
    }

    @Test
    void createListInspectPauseResumeRestartDelete() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        Files.writeString(in, "a\nb\n", StandardCharsets.UTF_8);
        assertThat(call("GET", "/connectors", null).body().size()).isZero();

        Reply created = call("POST", "/connectors", Map.of("name", "src", "config", Map.of(
            "connector.class", "FileStreamSource", "file", in.toString(), "topic", "rest-lines", "tasks.max", 1)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("name").asText()).isEqualTo("src");
        assertThat(created.body().get("type").asText()).isEqualTo("source");
        assertThat(created.body().at("/config/tasks.max").asText()).isEqualTo("1");
        assertThat(created.body().at("/tasks/0/connector").asText()).isEqualTo("src");
        assertThat(created.body().at("/tasks/0/task").asInt()).isZero();

        Reply sink = call("PUT", "/connectors/snk/config", Map.of("connector.class", "FileStreamSink",
            "topics", "rest-lines", "file", out.toString()));
        assertThat(sink.status()).isEqualTo(201);
        assertThat(sink.body().get("type").asText()).isEqualTo("sink");
        assertThat(call("GET", "/connectors", null).body()).extracting(JsonNode::asText)
            .containsExactly("src", "snk");
        await().atMost(Duration.ofSeconds(15)).until(() -> lines(out) == 2);

        Reply status = call("GET", "/connectors/src/status", null);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().at("/connector/state").asText()).isEqualTo("RUNNING");
        assertThat(status.body().at("/connector/worker_id").asText()).isEqualTo("127.0.0.1:" + connect.restPort());
        assertThat(status.body().at("/tasks/0/state").asText()).isEqualTo("RUNNING");
        assertThat(status.body().at("/tasks/0/id").asInt()).isZero();
        assertThat(call("GET", "/connectors/src/tasks/0/status", null).body().get("state").asText())
            .isEqualTo("RUNNING");
        assertThat(call("GET", "/connectors/src/tasks/1/status", null).status()).isEqualTo(404);
        JsonNode expanded = call("GET", "/connectors?expand=status&expand=info", null).body();
        assertThat(expanded.at("/src/status/tasks/0/state").asText()).isEqualTo("RUNNING");
        assertThat(expanded.at("/snk/info/type").asText()).isEqualTo("sink");
        assertThat(call("GET", "/connectors?expand=status", null).body().at("/src").has("info")).isFalse();
        assertThat(call("GET", "/connectors/src/config", null).body().get("file").asText())
            .isEqualTo(in.toString());
        assertThat(call("GET", "/connectors/src", null).body().at("/config/topic").asText())
            .isEqualTo("rest-lines");

        assertThat(call("PUT", "/connectors/snk/pause", null).status()).isEqualTo(202);
        Reply paused = call("GET", "/connectors/snk/status", null);
        assertThat(paused.body().at("/connector/state").asText()).isEqualTo("PAUSED");
        assertThat(paused.body().at("/tasks/0/state").asText()).isEqualTo("PAUSED");
        Files.writeString(in, "c\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(call("PUT", "/connectors/snk/resume", null).status()).isEqualTo(202);
        assertThat(taskState("snk")).isEqualTo("RUNNING");
        await().atMost(Duration.ofSeconds(15)).until(() -> lines(out) == 3);

        assertThat(call("PUT", "/connectors/src/pause", null).status()).isEqualTo(202);
        assertThat(call("POST", "/connectors/src/restart", null).status()).isEqualTo(204);
        assertThat(taskState("src")).as("a restart keeps the target state").isEqualTo("PAUSED");
        assertThat(call("PUT", "/connectors/src/resume", null).status()).isEqualTo(202);
        assertThat(taskState("src")).isEqualTo("RUNNING");
        Files.writeString(in, "d\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        await().atMost(Duration.ofSeconds(15)).until(() -> lines(out) == 4);
        assertThat(Files.readAllLines(out)).containsExactly("a", "b", "c", "d");

        assertThat(call("DELETE", "/connectors/src", null).status()).isEqualTo(204);
        assertThat(call("GET", "/connectors", null).body()).extracting(JsonNode::asText).containsExactly("snk");
        Reply gone = call("GET", "/connectors/src/status", null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().get("error_code").asInt()).isEqualTo(404);
        assertThat(gone.body().get("message").asText()).contains("src");
    }

    @Test
    void conflictsBadConfigAndUnknownConnectors() throws Exception {
        Path in = dir.resolve("x.txt");
        Files.writeString(in, "", StandardCharsets.UTF_8);
        Map<String, Object> source = Map.of("name", "dup", "config", Map.of("connector.class", "FileStreamSource",
            "file", in.toString(), "topic", "dup"));
        assertThat(call("POST", "/connectors", source).status()).isEqualTo(201);
        Reply conflict = call("POST", "/connectors", source);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("message").asText()).contains("dup");

        Reply bad = call("POST", "/connectors", Map.of("name", "bad", "config", Map.of(
            "connector.class", "FileStreamSource", "tasks.max", "zero")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("message").asText()).contains("tasks.max").contains("topic");
        Reply badTransform = call("PUT", "/connectors/bad/config", Map.of("connector.class", "FileStreamSource",
            "file", in.toString(), "topic", "t", "transforms", "r", "transforms.r.type", "RegexRouter"));
        assertThat(badTransform.status()).isEqualTo(400);
        assertThat(badTransform.body().get("message").asText()).contains("transform r").contains("regex");
        assertThat(call("POST", "/connectors", "{not json").status()).isEqualTo(400);
        assertThat(call("GET", "/connectors", null).body()).extracting(JsonNode::asText).containsExactly("dup");

        for (String[] req : new String[][] {{"GET", "/connectors/nope"}, {"GET", "/connectors/nope/config"},
            {"PUT", "/connectors/nope/pause"}, {"PUT", "/connectors/nope/resume"},
            {"POST", "/connectors/nope/restart"}, {"DELETE", "/connectors/nope"}}) {
            assertThat(call(req[0], req[1], null).status()).as(req[0] + " " + req[1]).isEqualTo(404);
        }
    }

    @Test
    void failedTaskShowsItsTraceAndAConfigUpdateRestartsIt() throws Exception {
        // A directory cannot be appended to: the sink task fails in start().
        assertThat(call("PUT", "/connectors/broken/config", Map.of("connector.class", "FileStreamSink",
            "topics", "t", "file", dir.toString())).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> taskState("broken").equals("FAILED"));
        JsonNode task = call("GET", "/connectors/broken/status", null).body().at("/tasks/0");
        assertThat(task.get("trace").asText()).contains("cannot open " + dir).contains("\tat ");

        Reply updated = call("PUT", "/connectors/broken/config", Map.of("connector.class", "FileStreamSink",
            "topics", "t", "file", dir.resolve("ok.txt").toString()));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().at("/config/file").asText()).endsWith("ok.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> taskState("broken").equals("RUNNING"));
        assertThat(call("GET", "/connectors/broken/status", null).body().at("/tasks/0").has("trace")).isFalse();
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
