package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.message.DeleteTopicsResponse;
import io.tributary.protocol.types.Struct;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteTopics (key 20), versions 1–6: by name (v1–5) or by name or id (v6). Removes the topic and the files of
 * its partitions and the offsets groups committed for it. Unknown names are UNKNOWN_TOPIC_OR_PARTITION, unknown
 * ids UNKNOWN_TOPIC_ID.
 */
public final class DeleteTopicsHandler implements ApiHandler {
    private final BrokerContext broker;

    public DeleteTopicsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    private record Target(String name, io.tributary.common.Uuid id) {
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Struct response = DeleteTopicsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        List<Target> targets = new ArrayList<>();
        if (ctx.apiVersion() >= 6) {
            request.getStructs("topics").forEach(t -> targets.add(new Target(t.getString("name"), t.getUuid("topicId"))));
        } else {
            request.<String>getArray("topicNames").forEach(n -> targets.add(new Target(n, null)));
        }
        for (Target target : targets) {
            String name = target.name();
            Optional<TopicRegistry.Topic> topic = name != null ? broker.topics().get(name)
                : broker.topics().byId(target.id());
            Struct result = response.addElement("responses").set("name", name);
            if (topic.isEmpty()) {
                Errors error = name != null ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.UNKNOWN_TOPIC_ID;
                result.set("errorCode", error.code()).set("errorMessage", error.message());
                continue;
            }
            TopicRegistry.Topic t = topic.get();
            result.set("name", t.name()).set("topicId", t.id());
            try {
                broker.topics().delete(t.name());
                for (int p = 0; p < t.partitions(); p++) {
                    broker.logs().delete(new TopicPartition(t.name(), p));
                    broker.forgetPartition(new TopicPartition(t.name(), p));
                }
                if (broker.groupOffsets() != null) {
                    broker.groupOffsets().removeOffsetsOfTopic(t.name());
                }
                result.set("errorCode", Errors.NONE.code());
            } catch (IOException e) {
                result.set("errorCode", Errors.KAFKA_STORAGE_ERROR.code()).set("errorMessage", e.toString());
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
