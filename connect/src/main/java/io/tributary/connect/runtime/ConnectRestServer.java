package io.tributary.connect.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.common.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect's REST API for a standalone worker, on the JDK's HTTP server, with Kafka's paths, JSON shapes and
 * status codes:
 *
 * <pre>
 * GET    /connectors                    ["name", ...]; ?expand=status / ?expand=info: {"name":{"status":...,
 *                                        "info":...}}
 * POST   /connectors                    {"name":..., "config":{...}}  201 | 400 bad config | 409 name taken
 * GET    /connectors/{name}             {"name", "config", "tasks":[{"connector","task"}], "type"}
 * GET    /connectors/{name}/config      {...}
 * PUT    /connectors/{name}/config      {...}  201 created | 200 updated (connector restarted)
 * GET    /connectors/{name}/status      {"name", "connector":{"state","worker_id"}, "tasks":[{"id","state",
 *                                        "worker_id","trace"?}], "type"}
 * GET    /connectors/{name}/tasks/{id}/status  {"id","state","worker_id","trace"?}
 * PUT    /connectors/{name}/pause       202
 * PUT    /connectors/{name}/resume      202
 * POST   /connectors/{name}/restart     204 (connector and all its tasks)
 * DELETE /connectors/{name}             204
 * </pre>
 *
 * Errors are {@code {"error_code": <status>, "message": "..."}}; an unknown connector is 404. Requests are handled
 * one at a time, so a create and a delete of one name cannot interleave.
 */
public final class ConnectRestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectRestServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Worker worker;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String workerId;

    /**
     * Binds {@code address} and starts serving.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound (port in use)
     */
    public ConnectRestServer(Worker worker, InetSocketAddress address) {
        this.worker = worker;
        try {
            this.server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("REST API : cannot listen on " + address
                + " (expected: a free port; set listeners=http://host:port)", e);
        }
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "connect-rest");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        String host = address.getAddress() == null || address.getAddress().isAnyLocalAddress()
            ? "localhost" : address.getHostString();
        this.workerId = host + ":" + port();
        log.info("REST API listening on {}", server.getAddress());
    }

    /** The bound port (useful after binding port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Response(int status, Object body) {
    }

    /** A failure that maps to an HTTP status. */
    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Response response;
        try {
            response = route(ex.getRequestMethod(), segments(ex.getRequestURI().getRawPath()), ex);
        } catch (HttpError e) {
            response = error(e.status, e.getMessage());
        } catch (ConfigException e) {
            response = error(400, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = error(500, "interrupted");
        } catch (RuntimeException e) {
            log.warn("REST {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            response = error(500, String.valueOf(e.getMessage()));
        }
        byte[] body = response.body() == null ? new byte[0] : MAPPER.writeValueAsBytes(response.body());
        if (response.body() != null) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(response.status(), response.status() == 204 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (response.status() != 204) {
                out.write(body);
            }
        }
    }

    private static Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", status);
        body.put("message", message);
        return new Response(status, body);
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private Response route(String method, List<String> path, HttpExchange ex) throws IOException,
        InterruptedException {
        if (path.isEmpty()) {
            return method("GET", method, () -> new Response(200, Map.of("version", "tributary-connect")));
        }
        if (!path.get(0).equals("connectors") || path.size() > 5) {
            throw new HttpError(404, "no such endpoint: " + String.join("/", path));
        }
        if (path.size() == 1) {
            return switch (method) {
                case "GET" -> list(ex.getRequestURI().getRawQuery());
                case "POST" -> create(ex);
                default -> throw notAllowed(method);
            };
        }
        String name = path.get(1);
        if (path.size() == 2) {
            return switch (method) {
                case "GET" -> new Response(200, info(existing(name)));
                case "DELETE" -> {
                    worker.stopConnector(existing(name));
                    yield new Response(204, null);
                }
                default -> throw notAllowed(method);
            };
        }
        String action = path.get(2);
        if (path.size() > 3) {
            if (!action.equals("tasks") || path.size() != 5 || !path.get(4).equals("status")) {
                throw new HttpError(404, "no such endpoint: " + String.join("/", path));
            }
            return method("GET", method, () -> new Response(200, taskStatus(existing(name), path.get(3))));
        }
        switch (action) {
            case "config":
                if (method.equals("GET")) {
                    return new Response(200, worker.connectorConfig(existing(name)));
                }
                if (method.equals("PUT")) {
                    return putConfig(name, readConfig(ex.getRequestBody()));
                }
                throw notAllowed(method);
            case "status":
                return method("GET", method, () -> new Response(200, status(existing(name))));
            case "pause":
                return method("PUT", method, () -> {
                    worker.pauseConnector(existing(name));
                    return new Response(202, null);
                });
            case "resume":
                return method("PUT", method, () -> {
                    worker.resumeConnector(existing(name));
                    return new Response(202, null);
                });
            case "restart":
                if (!method.equals("POST")) {
                    throw notAllowed(method);
                }
                worker.restartConnector(existing(name), null);
                return new Response(204, null);
            default:
                throw new HttpError(404, "no such endpoint: " + String.join("/", path));
        }
    }

    private interface Action {
        Response run();
    }

    private static Response method(String expected, String method, Action action) {
        if (!expected.equals(method)) {
            throw notAllowed(method);
        }
        return action.run();
    }

    private static HttpError notAllowed(String method) {
        return new HttpError(405, "method : " + method + " (not allowed on this path)");
    }

    private String existing(String name) {
        if (!worker.hasConnector(name)) {
            throw new HttpError(404, "Connector " + name + " not found");
        }
        return name;
    }

    private Response create(HttpExchange ex) throws IOException {
        JsonNode body = readJson(ex.getRequestBody());
        JsonNode nameNode = body.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new HttpError(400, "name : " + nameNode + " (expected: the connector's name, a string)");
        }
        String name = nameNode.asText().trim();
        Map<String, String> config = body.has("config") ? toConfig(body.get("config")) : new LinkedHashMap<>();
        if (config.containsKey(ConnectorConfig.NAME_CONFIG) && !config.get(ConnectorConfig.NAME_CONFIG).equals(name)) {
            throw new HttpError(400, "config name : " + config.get(ConnectorConfig.NAME_CONFIG)
                + " (expected: the connector's name " + name + ", or no name in config)");
        }
        config.put(ConnectorConfig.NAME_CONFIG, name);
        if (worker.hasConnector(name)) {
            throw new HttpError(409, "Connector " + name + " already exists");
        }
        worker.startConnector(config);
        return new Response(201, info(name));
    }

    private Response putConfig(String name, Map<String, String> config) throws InterruptedException {
        if (config.containsKey(ConnectorConfig.NAME_CONFIG) && !config.get(ConnectorConfig.NAME_CONFIG).equals(name)) {
            throw new HttpError(400, "config name : " + config.get(ConnectorConfig.NAME_CONFIG)
                + " (expected: the connector's name in the path, " + name + ")");
        }
        config.put(ConnectorConfig.NAME_CONFIG, name);
        if (!worker.hasConnector(name)) {
            worker.startConnector(config);
            return new Response(201, info(name));
        }
        worker.restartConnector(name, config);
        return new Response(200, info(name));
    }

    private Map<String, Object> info(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", worker.connectorConfig(name));
        List<Map<String, Object>> tasks = new ArrayList<>();
        int n = worker.taskStates(name).size();
        for (int i = 0; i < n; i++) {
            tasks.add(Map.of("connector", name, "task", i));
        }
        body.put("tasks", tasks);
        body.put("type", worker.connectorType(name));
        return body;
    }

    /** {@code GET /connectors}, with Kafka's {@code ?expand=status} and {@code ?expand=info} (both allowed). */
    private Response list(String rawQuery) {
        boolean status = false;
        boolean info = false;
        if (rawQuery != null) {
            for (String param : rawQuery.split("&")) {
                String decoded = URLDecoder.decode(param, StandardCharsets.UTF_8);
                if (decoded.equals("expand=status")) {
                    status = true;
                } else if (decoded.equals("expand=info")) {
                    info = true;
                } else if (decoded.startsWith("expand=")) {
                    throw new HttpError(400, "expand : " + decoded.substring(7) + " (expected: status or info)");
                }
            }
        }
        if (!status && !info) {
            return new Response(200, worker.connectorNames());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : worker.connectorNames()) {
            Map<String, Object> one = new LinkedHashMap<>();
            if (info) {
                one.put("info", info(name));
            }
            if (status) {
                one.put("status", status(name));
            }
            out.put(name, one);
        }
        return new Response(200, out);
    }

    private Map<String, Object> taskStatus(String name, String rawId) {
        List<TaskState> states = worker.taskStates(name);
        int id;
        try {
            id = Integer.parseInt(rawId);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0 || id >= states.size()) {
            throw new HttpError(404, "Task " + name + "-" + rawId + " not found (connector " + name + " has "
                + states.size() + " task" + (states.size() == 1 ? "" : "s") + ")");
        }
        return taskStatus(id, states.get(id));
    }

    private Map<String, Object> taskStatus(int id, TaskState s) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("state", s.state().name());
        t.put("worker_id", workerId);
        if (s.failure() != null) {
            StringWriter trace = new StringWriter();
            s.failure().printStackTrace(new PrintWriter(trace));
            t.put("trace", trace.toString());
        }
        return t;
    }

    private Map<String, Object> status(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("connector", Map.of("state", worker.connectorState(name).name(), "worker_id", workerId));
        List<Map<String, Object>> tasks = new ArrayList<>();
        List<TaskState> states = worker.taskStates(name);
        for (int i = 0; i < states.size(); i++) {
            tasks.add(taskStatus(i, states.get(i)));
        }
        body.put("tasks", tasks);
        body.put("type", worker.connectorType(name));
        return body;
    }

    private static JsonNode readJson(InputStream in) throws IOException {
        try {
            JsonNode node = MAPPER.readTree(in.readAllBytes());
            if (node == null || !node.isObject()) {
                throw new HttpError(400, "request body : " + node + " (expected: a JSON object)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, String> readConfig(InputStream in) throws IOException {
        return toConfig(readJson(in));
    }

    /** A JSON object of strings (numbers and booleans are accepted and written as strings, as Kafka does). */
    private static Map<String, String> toConfig(JsonNode node) {
        if (!node.isObject()) {
            throw new HttpError(400, "config : " + node + " (expected: a JSON object of strings)");
        }
        Map<String, Object> raw = MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw new HttpError(400, "config " + k + " : " + v + " (expected: a string)");
            }
            if (v != null) {
                out.put(k, v.toString());
            }
        });
        return out;
    }
}
