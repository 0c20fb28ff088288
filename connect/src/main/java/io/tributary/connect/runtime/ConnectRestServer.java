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
 * GET    /                              {"version", "commit", "kafka_cluster_id"}
 * GET    /connectors                    ["name", ...]; ?expand=status / ?expand=info: {"name":{"status":...,
 *                                        "info":...}}
 * POST   /connectors                    {"name":..., "config":{...}}  201 | 400 bad config | 409 name taken
 * GET    /connectors/{name}             {"name", "config", "tasks":[{"connector","task"}], "type"}
 * GET    /connectors/{name}/config      {...}
 * PUT    /connectors/{name}/config      {...}  201 created | 200 updated (connector restarted)
 * GET    /connectors/{name}/status      {"name", "connector":{"state","worker_id"}, "tasks":[{"id","state",
 *                                        "worker_id","trace"?}], "type"}
 * GET    /connectors/{name}/tasks       [{"id":{"connector","task"}, "config":{...}}]
 * GET    /connectors/{name}/tasks/{id}/status   {"id","state","worker_id","trace"?}
 * POST   /connectors/{name}/tasks/{id}/restart  204
 * PUT    /connectors/{name}/pause       202
 * PUT    /connectors/{name}/resume      202 (also starts a STOPPED connector)
 * PUT    /connectors/{name}/stop        204 (STOPPED: no tasks, configuration kept)
 * POST   /connectors/{name}/restart     204 (the connector instance); ?includeTasks=&amp;onlyFailed=: 202 + status
 * GET    /connectors/{name}/offsets     {"offsets":[{"partition":{...},"offset":{...}}]}
 * DELETE /connectors/{name}/offsets     200 {"message"} | 400 unless STOPPED
 * GET    /connectors/{name}/topics      {"name":{"topics":[...]}}
 * PUT    /connectors/{name}/topics/reset  202
 * DELETE /connectors/{name}             204
 * GET    /connector-plugins             [{"class","type","version"}] (?connectorsOnly=false: every plugin)
 * PUT    /connector-plugins/{class}/config/validate  {"name","error_count","groups","configs":[...]}
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
    private volatile String kafkaClusterId;

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
            return method("GET", method, () -> new Response(200, serverInfo()));
        }
        if (path.get(0).equals("connector-plugins")) {
            return plugins(method, path, ex);
        }
        if (!path.get(0).equals("connectors") || path.size() > 5) {
            throw noSuchEndpoint(path);
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
        if (path.size() == 5 && action.equals("tasks")) {
            return task(method, name, path.get(3), path.get(4), path);
        }
        if (path.size() == 4 && action.equals("topics") && path.get(3).equals("reset")) {
            return method("PUT", method, () -> {
                worker.resetActiveTopics(existing(name));
                return new Response(202, null);
            });
        }
        if (path.size() > 3) {
            throw noSuchEndpoint(path);
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
            case "tasks":
                return method("GET", method, () -> new Response(200, taskConfigs(existing(name))));
            case "topics":
                return method("GET", method, () -> new Response(200, Map.of(existing(name),
                    Map.of("topics", worker.activeTopics(name)))));
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
            case "stop":
                if (!method.equals("PUT")) {
                    throw notAllowed(method);
                }
                worker.stopConnectorKeepingConfig(existing(name));
                return new Response(204, null);
            case "restart":
                if (!method.equals("POST")) {
                    throw notAllowed(method);
                }
                return restart(existing(name), ex.getRequestURI().getRawQuery());
            case "offsets":
                return offsets(method, existing(name));
            default:
                throw noSuchEndpoint(path);
        }
    }

    private static HttpError noSuchEndpoint(List<String> path) {
        return new HttpError(404, "no such endpoint: /" + String.join("/", path));
    }

    /** {@code GET /}: Kafka's server info; the cluster id is asked of the brokers once. */
    private Map<String, Object> serverInfo() {
        if (kafkaClusterId == null) {
            kafkaClusterId = worker.kafkaClusterId();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", ConnectorPlugins.VERSION);
        body.put("commit", "unknown");
        body.put("kafka_cluster_id", kafkaClusterId);
        return body;
    }

    /** {@code GET /connector-plugins[?connectorsOnly=false]}, {@code PUT /connector-plugins/{class}/config/validate}. */
    private Response plugins(String method, List<String> path, HttpExchange ex) throws IOException {
        if (path.size() == 1) {
            if (!method.equals("GET")) {
                throw notAllowed(method);
            }
            String connectorsOnly = query(ex.getRequestURI().getRawQuery()).getOrDefault("connectorsOnly", "true");
            return new Response(200, ConnectorPlugins.list(!connectorsOnly.equalsIgnoreCase("false")));
        }
        if (path.size() != 4 || !path.get(2).equals("config") || !path.get(3).equals("validate")) {
            throw noSuchEndpoint(path);
        }
        if (!method.equals("PUT")) {
            throw notAllowed(method);
        }
        return new Response(200, ConnectorPlugins.validate(path.get(1), readConfig(ex.getRequestBody())));
    }

    /** {@code GET .../tasks/{id}/status} and {@code POST .../tasks/{id}/restart}. */
    private Response task(String method, String name, String rawId, String action, List<String> path)
        throws InterruptedException {
        if (action.equals("status")) {
            return method("GET", method, () -> new Response(200, taskStatus(existing(name), rawId)));
        }
        if (!action.equals("restart")) {
            throw noSuchEndpoint(path);
        }
        if (!method.equals("POST")) {
            throw notAllowed(method);
        }
        taskStatus(existing(name), rawId); // 404 for a task that does not exist
        worker.restartTask(name, Integer.parseInt(rawId));
        return new Response(204, null);
    }

    /** {@code [{"id": {"connector", "task"}, "config": {...}}]}: each task's configuration as the connector gave it. */
    private List<Map<String, Object>> taskConfigs(String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Map<String, String>> configs = worker.taskConfigs(name);
        for (int i = 0; i < configs.size(); i++) {
            Map<String, Object> id = new LinkedHashMap<>();
            id.put("connector", name);
            id.put("task", i);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", id);
            one.put("config", configs.get(i));
            out.add(one);
        }
        return out;
    }

    /**
     * Kafka's restart (KIP-745). Without {@code includeTasks} and {@code onlyFailed}: only the connector instance,
     * 204. Otherwise 202 with the status as it was, each part being restarted marked RESTARTING: with
     * {@code includeTasks=true} the tasks too (with {@code onlyFailed=true} only FAILED ones); the connector instance
     * is restarted unless {@code onlyFailed=true} (it never fails here). A STOPPED connector stays stopped.
     */
    private Response restart(String name, String rawQuery) throws InterruptedException {
        Map<String, String> q = query(rawQuery);
        boolean includeTasks = Boolean.parseBoolean(q.getOrDefault("includeTasks", "false"));
        boolean onlyFailed = Boolean.parseBoolean(q.getOrDefault("onlyFailed", "false"));
        if (!includeTasks && !onlyFailed) {
            worker.restartConnectorInstance(name);
            return new Response(204, null);
        }
        Map<String, Object> body = status(name);
        boolean stopped = worker.connectorState(name) == TaskState.State.STOPPED;
        boolean connector = !onlyFailed && !stopped;
        List<Integer> tasks = new ArrayList<>();
        List<TaskState> states = worker.taskStates(name);
        for (int i = 0; i < states.size(); i++) {
            if (includeTasks && !stopped && (!onlyFailed || states.get(i).state() == TaskState.State.FAILED)) {
                tasks.add(i);
            }
        }
        if (connector) {
            body.put("connector", Map.of("state", "RESTARTING", "worker_id", workerId));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> taskBodies = (List<Map<String, Object>>) body.get("tasks");
        for (int i : tasks) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", i);
            t.put("state", "RESTARTING");
            t.put("worker_id", workerId);
            taskBodies.set(i, t);
        }
        if (connector && tasks.size() == states.size()) {
            worker.restartConnector(name, null);
        } else {
            if (connector) {
                worker.restartConnectorInstance(name);
            }
            for (int i : tasks) {
                worker.restartTask(name, i);
            }
        }
        return new Response(202, body);
    }

    /** {@code GET} (any state) and {@code DELETE} (STOPPED only, 400 otherwise) of a connector's offsets. */
    private Response offsets(String method, String name) {
        if (method.equals("GET")) {
            return new Response(200, Map.of("offsets", worker.offsets(name)));
        }
        if (!method.equals("DELETE")) {
            throw notAllowed(method);
        }
        try {
            worker.resetOffsets(name);
        } catch (IllegalStateException e) {
            throw new HttpError(400, e.getMessage());
        }
        return new Response(200, Map.of("message", "The offsets for this connector have been reset successfully"));
    }

    /** Decoded query parameters; the last of a repeated name wins. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String param : rawQuery.split("&")) {
                int eq = param.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(param.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
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
