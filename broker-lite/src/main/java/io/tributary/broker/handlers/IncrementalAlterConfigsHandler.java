package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.log.LogConfig;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.message.IncrementalAlterConfigsResponse;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * IncrementalAlterConfigs (key 44), versions 0–1, for topics: SET (0), DELETE (1, back to the default), APPEND (2)
 * and SUBTRACT (3) for list settings such as cleanup.policy. The result is validated as a whole (INVALID_CONFIG
 * names the key), stored, and applied to the live partition logs at once (retention, segment size, cleanup
 * policy). Broker settings are static (INVALID_REQUEST: edit server.properties).
 */
public final class IncrementalAlterConfigsHandler implements ApiHandler {
    private final BrokerContext broker;

    public IncrementalAlterConfigsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        boolean validateOnly = request.getBool("validateOnly");
        Struct response = IncrementalAlterConfigsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        for (Struct resource : request.getStructs("resources")) {
            byte type = resource.getInt8("resourceType");
            String name = resource.getString("resourceName");
            Struct result = response.addElement("responses").set("resourceType", type).set("resourceName", name)
                .set("errorCode", Errors.NONE.code());
            try {
                if (type != ConfigResources.TOPIC) {
                    throw new TributaryException(Errors.INVALID_REQUEST, "only topic settings can be altered; broker"
                        + " settings come from server.properties");
                }
                TopicRegistry.Topic topic = broker.topics().get(name).orElseThrow(() -> new TributaryException(
                    Errors.UNKNOWN_TOPIC_OR_PARTITION, "topic '" + name + "' does not exist"));
                Map<String, String> next = new LinkedHashMap<>(topic.configs());
                for (Struct c : resource.getStructs("configs")) {
                    apply(next, c.getString("name"), c.getInt8("configOperation"), c.getString("value"));
                }
                LogConfig config = broker.topics().logConfig(next);
                if (!validateOnly) {
                    broker.topics().updateConfigs(name, next);
                    for (int p = 0; p < topic.partitions(); p++) {
                        broker.logs().get(new TopicPartition(name, p)).ifPresent(log -> log.updateConfig(config));
                    }
                }
            } catch (TributaryException e) {
                result.set("errorCode", e.error().code()).set("errorMessage", e.getMessage());
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }

    private void apply(Map<String, String> configs, String key, byte op, String value) {
        if (!LogConfig.DEF.names().contains(key)) {
            throw new TributaryException(Errors.INVALID_CONFIG, "unknown topic config " + key);
        }
        switch (op) {
            case 0 -> configs.put(key, value);
            case 1 -> configs.remove(key);
            case 2, 3 -> {
                String current = configs.getOrDefault(key,
                    ConfigText.of(broker.topics().brokerTopicDefaults().getOrDefault(key, "")));
                List<String> items = new ArrayList<>(current.isEmpty() ? List.of() : Arrays.asList(current.split(",")));
                for (String v : value == null ? new String[0] : value.split(",")) {
                    if (op == 2 && !items.contains(v.trim())) {
                        items.add(v.trim());
                    } else if (op == 3) {
                        items.remove(v.trim());
                    }
                }
                configs.put(key, String.join(",", items));
            }
            default -> throw new TributaryException(Errors.INVALID_REQUEST, "unknown config operation " + op);
        }
    }
}
