package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.junit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Kafka Connect REST endpoints beyond create/inspect/pause (server info, plugins and validation, task configs,
 * task and KIP-745 restarts, KIP-875 stop and offsets, KIP-558 topics) over real HTTP on an embedded broker.
 */
@EmbeddedBroker(properties = {"num.partitions=1"})
class ConnectRestEndpointsTest extends RestWorkerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private JsonNode get(String path) throws Exception {
        Reply r = call("GET", path, null);
        assertThat(r.status()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private String taskState(String name, int task) throws Exception {
        return get("/connectors/" + name + "/status").at("/tasks/" + task + "/state").asText();
    }

    @Test
    void serverInfoPluginsAndValidation() throws Exception {
        JsonNode info = get("/");
        assertThat(info.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(info.has("commit")).isTrue();
        try (Admin admin = TributaryAdmin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertThat(info.get("kafka_cluster_id").asText())
                .isEqualTo(admin.describeCluster().get(10, TimeUnit.SECONDS).clusterId());
        }

        JsonNode plugins = get("/connector-plugins");
        assertThat(plugins).extracting(p -> p.get("class").asText() + " " + p.get("type").asText()).contains(
            "io.tributary.connect.file.FileStreamSinkConnector sink",
            "io.tributary.connect.file.FileStreamSourceConnector source",
            "io.tributary.connect.jdbc.JdbcSinkConnector sink",
            "io.tributary.connect.jdbc.JdbcSourceConnector source");
        assertThat(plugins).allSatisfy(p -> assertThat(p.get("version").asText()).isNotBlank());
        assertThat(get("/connector-plugins?connectorsOnly=false")).extracting(p -> p.get("type").asText())
            .contains("source", "sink", "converter", "transformation", "predicate");

        Reply bad = call("PUT", "/connector-plugins/FileStreamSinkConnector/config/validate", Map.of(
            "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector", "name", "v",
            "tasks.max", "zero", "transforms", "r", "transforms.r.type", "RegexRouter"));
        assertThat(bad.status()).isEqualTo(200);
        JsonNode infos = bad.body();
        assertThat(infos.get("name").asText()).isEqualTo("io.tributary.connect.file.FileStreamSinkConnector");
        assertThat(infos.get("groups")).extracting(JsonNode::asText).startsWith("Common").contains("Transforms",
            "Error Handling");
        Map<String, JsonNode> byName = configsByName(infos);
        assertThat(byName.get("tasks.max").at("/value/errors/0").asText()).contains("tasks.max");
        assertThat(byName.get("tasks.max").at("/value/value").asText()).isEqualTo("zero");
        assertThat(byName.get("tasks.max").at("/definition/type").asText()).isEqualTo("INT");
        assertThat(byName.get("tasks.max").at("/definition/default_value").asText()).isEqualTo("1");
        assertThat(byName.get("topics").at("/definition/required").asBoolean()).isTrue();
        assertThat(byName.get("topics").at("/definition/type").asText()).isEqualTo("LIST");
        assertThat(byName.get("topics").at("/value/value").isNull()).isTrue();
        assertThat(byName.get("topics").at("/value/errors")).hasSize(1);
        assertThat(byName.get("transforms").at("/value/errors/0").asText()).contains("regex");
        assertThat(byName.get("errors.tolerance").at("/definition/group").asText()).isEqualTo("Error Handling");
        assertThat(byName.get("errors.tolerance").at("/value/value").asText()).isEqualTo("none");
        assertThat(byName.get("errors.tolerance").at("/value/errors")).isEmpty();
        assertThat(byName.get("file").at("/definition/group").isNull()).as("the connector's own key").isTrue();
        int errors = 0;
        for (JsonNode c : infos.get("configs")) {
            errors += c.at("/value/errors").size();
        }
        assertThat(infos.get("error_count").asInt()).isEqualTo(errors).isGreaterThanOrEqualTo(4);

        JsonNode good = call("PUT", "/connector-plugins/FileStreamSink/config/validate", Map.of(
            "connector.class", "FileStreamSink", "name", "v", "topics", "t", "file", "/tmp/x")).body();
        assertThat(good.get("error_count").asInt()).isZero();
        assertThat(call("PUT", "/connector-plugins/FileStreamSource/config/validate", Map.of(
            "connector.class", "FileStreamSink")).status()).as("another class than the path's").isEqualTo(400);
        assertThat(call("PUT", "/connector-plugins/com.acme.Nope/config/validate", Map.of(
            "connector.class", "com.acme.Nope")).status()).isEqualTo(400);
        assertThat(call("GET", "/connector-plugins/FileStreamSink/config/validate", null).status()).isEqualTo(405);
    }

    private static Map<String, JsonNode> configsByName(JsonNode infos) {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        for (JsonNode c : infos.get("configs")) {
            assertThat(c.at("/value/name").asText()).isEqualTo(c.at("/definition/name").asText());
            out.put(c.at("/definition/name").asText(), c);
        }
        return out;
    }

    @Test
    void taskConfigsTaskRestartAndRestartOptions() throws Exception {
        Path target = dir.resolve("out");
        Files.createDirectory(target); // a directory cannot be appended to: the sink task fails in start()
        assertThat(call("PUT", "/connectors/files/config", Map.of("connector.class", "FileStreamSink",
            "topics", "restarts", "file", target.toString())).status()).isEqualTo(201);
        JsonNode tasks = get("/connectors/files/tasks");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.at("/0/id/connector").asText()).isEqualTo("files");
        assertThat(tasks.at("/0/id/task").asInt()).isZero();
        assertThat(tasks.at("/0/config/file").asText()).isEqualTo(target.toString());
        assertThat(tasks.at("/0/config/task.class").asText())
            .isEqualTo("io.tributary.connect.file.FileStreamSinkTask");
        await().atMost(WAIT).until(() -> taskState("files", 0).equals("FAILED"));

        Reply nothing = call("POST", "/connectors/files/restart?onlyFailed=true", null);
        assertThat(nothing.status()).isEqualTo(202);
        assertThat(nothing.body().at("/connector/state").asText()).isEqualTo("RUNNING");
        assertThat(nothing.body().at("/tasks/0/state").asText()).as("tasks not included").isEqualTo("FAILED");
        assertThat(call("POST", "/connectors/files/restart", null).status()).isEqualTo(204);
        assertThat(taskState("files", 0)).as("a plain restart is the connector instance only").isEqualTo("FAILED");
        assertThat(call("POST", "/connectors/files/tasks/0/restart", null).status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> taskState("files", 0).equals("FAILED"));

        Files.delete(target);
        Reply failedOnly = call("POST", "/connectors/files/restart?includeTasks=true&onlyFailed=true", null);
        assertThat(failedOnly.status()).isEqualTo(202);
        assertThat(failedOnly.body().get("name").asText()).isEqualTo("files");
        assertThat(failedOnly.body().get("type").asText()).isEqualTo("sink");
        assertThat(failedOnly.body().at("/connector/state").asText()).isEqualTo("RUNNING");
        assertThat(failedOnly.body().at("/tasks/0/state").asText()).isEqualTo("RESTARTING");
        await().atMost(WAIT).until(() -> taskState("files", 0).equals("RUNNING"));
        assertThat(get("/connectors/files/tasks/0/status").has("trace")).isFalse();

        Reply all = call("POST", "/connectors/files/restart?includeTasks=true", null);
        assertThat(all.status()).isEqualTo(202);
        assertThat(all.body().at("/connector/state").asText()).isEqualTo("RESTARTING");
        assertThat(all.body().at("/tasks/0/state").asText()).isEqualTo("RESTARTING");
        assertThat(taskState("files", 0)).isEqualTo("RUNNING");

        assertThat(call("POST", "/connectors/files/tasks/1/restart", null).status()).isEqualTo(404);
        assertThat(call("POST", "/connectors/nope/tasks/0/restart", null).status()).isEqualTo(404);
        assertThat(call("GET", "/connectors/nope/tasks", null).status()).isEqualTo(404);
        assertThat(call("POST", "/connectors/nope/restart?includeTasks=true", null).body().get("error_code")
            .asInt()).isEqualTo(404);
    }

    @Test
    void stopOffsetsAndTopics() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        Files.writeString(in, "a\nbb\nccc\n", StandardCharsets.UTF_8);
        call("PUT", "/connectors/src/config", Map.of("connector.class", "FileStreamSource", "file", in.toString(),
            "topic", "offsets-lines"));
        call("PUT", "/connectors/snk/config", Map.of("connector.class", "FileStreamSink", "topics", "offsets-lines",
            "file", out.toString()));
        await().atMost(WAIT).until(() -> lines(out) == 3);
        await().atMost(WAIT).until(() -> get("/connectors/src/offsets").get("offsets").size() == 1
            && get("/connectors/snk/offsets").at("/offsets/0/offset/kafka_offset").asLong() == 3);
        JsonNode source = get("/connectors/src/offsets").at("/offsets/0");
        assertThat(source.at("/partition/filename").asText()).isEqualTo(in.toString());
        assertThat(source.at("/offset/position").asLong()).isEqualTo(Files.size(in));
        JsonNode sink = get("/connectors/snk/offsets").get("offsets");
        assertThat(sink).hasSize(1);
        assertThat(sink.at("/0/partition/kafka_topic").asText()).isEqualTo("offsets-lines");
        assertThat(sink.at("/0/partition/kafka_partition").asInt()).isZero();
        assertThat(get("/connectors/src/topics").at("/src/topics")).extracting(JsonNode::asText)
            .containsExactly("offsets-lines");
        assertThat(get("/connectors/snk/topics").at("/snk/topics")).extracting(JsonNode::asText)
            .containsExactly("offsets-lines");

        Reply refused = call("DELETE", "/connectors/snk/offsets", null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("message").asText()).contains("STOPPED").contains("/connectors/snk/stop");

        // The sink: stopped (no tasks, configuration kept), its group's offsets reset, resumed: it reads it all again.
        assertThat(call("PUT", "/connectors/snk/stop", null).status()).isEqualTo(204);
        JsonNode stopped = get("/connectors/snk/status");
        assertThat(stopped.at("/connector/state").asText()).isEqualTo("STOPPED");
        assertThat(stopped.get("tasks")).isEmpty();
        assertThat(get("/connectors/snk/tasks")).isEmpty();
        assertThat(get("/connectors/snk").get("tasks")).isEmpty();
        assertThat(get("/connectors/snk/config").get("file").asText()).isEqualTo(out.toString());
        assertThat(call("PUT", "/connectors/snk/stop", null).status()).as("idempotent").isEqualTo(204);
        Reply reset = call("DELETE", "/connectors/snk/offsets", null);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.body().get("message").asText()).contains("reset successfully");
        assertThat(get("/connectors/snk/offsets").get("offsets")).isEmpty();
        assertThat(call("PUT", "/connectors/snk/topics/reset", null).status()).isEqualTo(202);
        assertThat(get("/connectors/snk/topics").at("/snk/topics")).isEmpty();
        assertThat(call("PUT", "/connectors/snk/resume", null).status()).isEqualTo(202);
        assertThat(taskState("snk", 0)).isEqualTo("RUNNING");
        await().atMost(WAIT).until(() -> lines(out) == 6);
        assertThat(Files.readAllLines(out)).containsExactly("a", "bb", "ccc", "a", "bb", "ccc");
        await().atMost(WAIT).until(() -> get("/connectors/snk/topics").at("/snk/topics").size() == 1);

        // The source: its stored position deleted, it sends the file again (the topic then holds 6 records).
        assertThat(call("PUT", "/connectors/src/stop", null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/connectors/src/offsets", null).status()).isEqualTo(200);
        assertThat(get("/connectors/src/offsets").get("offsets")).isEmpty();
        assertThat(call("PUT", "/connectors/src/pause", null).status()).as("STOPPED to PAUSED").isEqualTo(202);
        assertThat(get("/connectors/src/status").at("/tasks/0/state").asText()).isEqualTo("PAUSED");
        assertThat(call("PUT", "/connectors/src/resume", null).status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> lines(out) == 9);
        await().atMost(WAIT).until(() -> get("/connectors/snk/offsets").at("/offsets/0/offset/kafka_offset")
            .asLong() == 6);

        assertThat(call("DELETE", "/connectors/src", null).status()).isEqualTo(204);
        for (String[] req : new String[][] {{"GET", "/connectors/src/offsets"}, {"DELETE", "/connectors/src/offsets"},
            {"PUT", "/connectors/src/stop"}, {"GET", "/connectors/src/topics"}, {"PUT", "/connectors/src/topics/reset"}}) {
            Reply r = call(req[0], req[1], null);
            assertThat(r.status()).as(req[0] + " " + req[1]).isEqualTo(404);
            assertThat(r.body().get("message").asText()).isEqualTo("Connector src not found");
        }
        List<String> methods = new ArrayList<>(List.of("POST", "PATCH"));
        for (String m : methods) {
            assertThat(call(m, "/connectors/snk/offsets", Map.of()).status()).isEqualTo(405);
        }
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
