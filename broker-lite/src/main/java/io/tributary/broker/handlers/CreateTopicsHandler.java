package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.types.Struct;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * CreateTopics (key 19), versions 2–7. Partitions -1 (v4+) take num.partitions; a replication factor above 1 is
 * INVALID_REPLICATION_FACTOR (broker-lite is single-node); manual replica assignments are INVALID_REQUEST; topic
 * configs are validated (INVALID_CONFIG names the key). validateOnly checks without creating. v5+ answers with the
 * partition count, replication factor and the topic's effective configs.
 */
public final class CreateTopicsHandler implements ApiHandler {
    private final BrokerContext broker;

    public CreateTopicsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        boolean validateOnly = request.getBool("validateOnly");
        Struct response = CreateTopicsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        for (Struct t : request.getStructs("topics")) {
            String name = t.getString("name");
            Struct result = response.addElement("topics").set("name", name);
            try {
                int partitions = t.getInt32("numPartitions");
                if (partitions == -1) {
                    partitions = broker.config().numPartitions();
                }
                short replication = t.getInt16("replicationFactor");
                if (replication != -1 && replication != 1) {
                    throw new TributaryException(Errors.INVALID_REPLICATION_FACTOR, "replication factor " + replication
                        + " is not possible: broker-lite is a single node, use 1 (or -1 for the default)");
                }
                if (!t.getStructs("assignments").isEmpty()) {
                    throw new TributaryException(Errors.INVALID_REQUEST,
                        "manual replica assignments are not supported by a single-node broker");
                }
                Map<String, String> configs = new LinkedHashMap<>();
                for (Struct c : t.getStructs("configs")) {
                    if (c.getString("value") != null) {
                        configs.put(c.getString("name"), c.getString("value"));
                    }
                }
                TopicRegistry.Topic topic;
                if (validateOnly) {
                    TopicRegistry.validateName(name);
                    if (broker.topics().get(name).isPresent()) {
                        throw new TributaryException(Errors.TOPIC_ALREADY_EXISTS, "topic '" + name + "' already exists");
                    }
                    if (partitions < 1) {
                        throw new TributaryException(Errors.INVALID_PARTITIONS, "partitions must be at least 1");
                    }
                    broker.topics().logConfig(configs);
                    topic = new TopicRegistry.Topic(name, io.tributary.common.Uuid.ZERO, partitions, configs);
                } else {
                    topic = broker.topics().create(name, partitions, configs);
                }
                result.set("topicId", topic.id()).set("errorCode", Errors.NONE.code())
                    .set("numPartitions", topic.partitions()).set("replicationFactor", (short) 1);
                Map<String, Object> effective = broker.topics().logConfig(topic.configs()).values();
                for (Map.Entry<String, Object> e : effective.entrySet()) {
                    boolean overridden = topic.configs().containsKey(e.getKey());
                    result.addElement("configs").set("name", e.getKey()).set("value", ConfigText.of(e.getValue()))
                        .set("readOnly", false).set("isSensitive", false)
                        .set("configSource", (byte) (overridden ? 1 : 5));
                }
            } catch (TributaryException e) {
                result.set("errorCode", e.error().code()).set("errorMessage", e.getMessage()).set("configs", null);
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
