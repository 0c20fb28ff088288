package io.tributary.broker.handlers;

import io.tributary.broker.group.OffsetManager;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.message.OffsetDeleteResponse;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetDelete (key 47), version 0: deletes committed offsets of an Empty group (GROUP_ID_NOT_FOUND for an
 * unknown group). Not yet: Kafka also lets a group with members drop offsets of topics it does not subscribe to;
 * here every partition of a non-empty group answers GROUP_SUBSCRIBED_TO_TOPIC.
 */
public final class OffsetDeleteHandler implements ApiHandler {
    private final OffsetManager offsets;

    public OffsetDeleteHandler(OffsetManager offsets) {
        this.offsets = offsets;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Struct t : request.getStructs("topics")) {
            for (Struct p : t.getStructs("partitions")) {
                partitions.add(new TopicPartition(t.getString("name"), p.getInt32("partitionIndex")));
            }
        }
        Struct response = OffsetDeleteResponse.SCHEMA.newStruct().set("throttleTimeMs", 0)
            .set("topics", new ArrayList<Struct>());
        Map<TopicPartition, Errors> errors;
        try {
            errors = offsets.deleteOffsets(request.getString("groupId"), partitions);
        } catch (TributaryException e) {
            response.set("errorCode", e.error().code());
            return CompletableFuture.completedFuture(Response.of(response));
        }
        response.set("errorCode", Errors.NONE.code());
        for (Struct t : request.getStructs("topics")) {
            Struct rt = response.addElement("topics").set("name", t.getString("name"));
            for (Struct p : t.getStructs("partitions")) {
                int partition = p.getInt32("partitionIndex");
                rt.addElement("partitions").set("partitionIndex", partition).set("errorCode",
                    errors.getOrDefault(new TopicPartition(t.getString("name"), partition), Errors.NONE).code());
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
