package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.protocol.message.CreatePartitionsResponse;
import io.tributary.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/**
 * CreatePartitions (key 37), versions 0–3: grows a topic to the given count (smaller or equal is INVALID_PARTITIONS,
 * as in Kafka). Manual assignments are INVALID_REQUEST on a single node. validateOnly checks without changing.
 */
public final class CreatePartitionsHandler implements ApiHandler {
    private final BrokerContext broker;

    public CreatePartitionsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        boolean validateOnly = request.getBool("validateOnly");
        Struct response = CreatePartitionsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        for (Struct t : request.getStructs("topics")) {
            String name = t.getString("name");
            Struct result = response.addElement("results").set("name", name).set("errorCode", Errors.NONE.code());
            try {
                int count = t.getInt32("count");
                if (t.getStructs("assignments") != null) {
                    throw new TributaryException(Errors.INVALID_REQUEST,
                        "manual replica assignments are not supported by a single-node broker");
                }
                var topic = broker.topics().get(name).orElseThrow(() -> new TributaryException(
                    Errors.UNKNOWN_TOPIC_OR_PARTITION, "topic '" + name + "' does not exist"));
                if (validateOnly) {
                    if (count <= topic.partitions()) {
                        throw new TributaryException(Errors.INVALID_PARTITIONS, "topic '" + name + "' has "
                            + topic.partitions() + " partitions; the new count must be larger, got " + count);
                    }
                } else {
                    broker.topics().addPartitions(name, count);
                }
            } catch (TributaryException e) {
                result.set("errorCode", e.error().code()).set("errorMessage", e.getMessage());
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
