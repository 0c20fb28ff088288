package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.group.OffsetsTopicStore;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Metadata (key 3), versions 0–12. This node is the only broker, the controller and the leader (epoch 0) of every
 * partition. A null topic list (v1+), or an empty one in v0, means every topic. Unknown topics are created when
 * both the request (v4+) and auto.create.topics.enable allow it; otherwise UNKNOWN_TOPIC_OR_PARTITION. Illegal
 * names get INVALID_TOPIC_EXCEPTION. Lookup by topic id (v10+) is answered by name when the id is known.
 * {@code __consumer_offsets} is listed like any topic and marked internal, as Kafka does.
 */
public final class MetadataHandler implements ApiHandler {
    private final BrokerContext broker;

    public MetadataHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        short version = ctx.apiVersion();
        Struct response = MetadataResponse.SCHEMA.newStruct()
            .set("throttleTimeMs", 0)
            .set("clusterId", broker.clusterId())
            .set("controllerId", broker.nodeId());
        response.addElement("brokers").set("nodeId", broker.nodeId()).set("host", broker.advertised().host())
            .set("port", broker.advertised().port());

        List<Struct> requested = request.getStructs("topics");
        boolean all = requested == null || (version == 0 && requested.isEmpty());
        boolean autoCreate = version < 4 || request.getBool("allowAutoTopicCreation");
        List<String> names = new ArrayList<>();
        if (all) {
            broker.topics().all().forEach(t -> names.add(t.name()));
        } else {
            for (Struct t : requested) {
                String name = t.getString("name");
                if (name == null) {
                    name = broker.topics().byId(t.getUuid("topicId")).map(TopicRegistry.Topic::name).orElse(null);
                }
                names.add(name);
            }
        }
        for (String name : names) {
            Struct topic = response.addElement("topics").set("name", name == null ? "" : name);
            try {
                if (name == null) {
                    throw new TributaryException(Errors.UNKNOWN_TOPIC_ID, "unknown topic id");
                }
                TopicRegistry.validateName(name);
                if (!broker.ensureTopic(name, autoCreate)) {
                    throw new TributaryException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "unknown topic " + name);
                }
                TopicRegistry.Topic t = broker.topics().get(name).orElseThrow();
                topic.set("topicId", t.id()).set("errorCode", Errors.NONE.code())
                    .set("isInternal", name.equals(OffsetsTopicStore.TOPIC));
                for (int p = 0; p < t.partitions(); p++) {
                    topic.addElement("partitions").set("errorCode", Errors.NONE.code()).set("partitionIndex", p)
                        .set("leaderId", broker.nodeId()).set("leaderEpoch", 0)
                        .set("replicaNodes", List.of(broker.nodeId())).set("isrNodes", List.of(broker.nodeId()));
                }
            } catch (TributaryException e) {
                topic.set("errorCode", e.error().code());
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
