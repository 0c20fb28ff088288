package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.DescribeConfigsResponse;
import io.tributary.protocol.types.Struct;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeConfigs (key 32), versions 1–4: a topic's effective settings (its overrides, source TOPIC_CONFIG, over
 * the broker's defaults, source DEFAULT_CONFIG) and the broker's own settings. A null key list means all keys.
 * Unknown topics are UNKNOWN_TOPIC_OR_PARTITION; other resource types INVALID_REQUEST. No synonyms or docs.
 */
public final class DescribeConfigsHandler implements ApiHandler {
    private final BrokerContext broker;

    public DescribeConfigsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Struct response = DescribeConfigsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        for (Struct resource : request.getStructs("resources")) {
            byte type = resource.getInt8("resourceType");
            String name = resource.getString("resourceName");
            List<String> keys = resource.getArray("configurationKeys");
            Struct result = response.addElement("results").set("resourceType", type).set("resourceName", name)
                .set("errorCode", Errors.NONE.code());
            if (type == ConfigResources.TOPIC) {
                Optional<TopicRegistry.Topic> topic = broker.topics().get(name);
                if (topic.isEmpty()) {
                    result.set("errorCode", Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                        .set("errorMessage", "topic '" + name + "' does not exist");
                    continue;
                }
                Map<String, String> overrides = topic.get().configs();
                broker.topics().logConfig(overrides).values().forEach((k, v) -> {
                    if (keys == null || keys.contains(k)) {
                        add(result, k, v, overrides.containsKey(k) ? ConfigResources.SOURCE_TOPIC_CONFIG
                            : ConfigResources.SOURCE_DEFAULT_CONFIG);
                    }
                });
            } else if (type == ConfigResources.BROKER) {
                broker.config().raw().values().forEach((k, v) -> {
                    if (keys == null || keys.contains(k)) {
                        add(result, k, v, ConfigResources.SOURCE_STATIC_BROKER_CONFIG);
                    }
                });
            } else {
                result.set("errorCode", Errors.INVALID_REQUEST.code())
                    .set("errorMessage", "resource type " + type + " is not supported by broker-lite");
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }

    private static void add(Struct result, String key, Object value, byte source) {
        result.addElement("configs").set("name", key).set("value", ConfigText.of(value)).set("readOnly", false)
            .set("configSource", source).set("isSensitive", false).set("configType", ConfigResources.typeOf(value));
    }
}
