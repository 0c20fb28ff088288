package io.tributary.connect.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.junit.BootstrapServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the REST tests share: a standalone worker (String converters, offsets in a temporary file flushed every
 * 100 ms, REST on a free port) started against the class's embedded broker before each test, and a JSON client for
 * its API. Subclasses carry {@code @EmbeddedBroker}.
 */
abstract class RestWorkerTestBase {
    static final ObjectMapper JSON = new ObjectMapper();

    @BootstrapServers
    static String bootstrap;

    @TempDir
    Path dir;

    ConnectStandalone connect;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startWorker() {
        connect = ConnectStandalone.start(Map.of(
            "bootstrap.servers", bootstrap,
            "key.converter", "StringConverter",
            "value.converter", "StringConverter",
            "offset.storage.file.filename", dir.resolve("offsets").toString(),
            "offset.flush.interval.ms", "100",
            "listeners", "http://127.0.0.1:0"), List.of());
    }

    @AfterEach
    void stopWorker() {
        connect.close();
    }

    /** An HTTP status and the parsed JSON body (null when empty). */
    record Reply(int status, JsonNode body) {
    }

    /** Calls the worker's API; {@code body} is sent as is when a String (to send bad JSON), else as JSON. */
    Reply call(String method, String path, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + connect.restPort() + path))
            .header("Content-Type", "application/json").method(method, publisher).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }
}
