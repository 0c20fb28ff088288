package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.log.PartitionLog;
import io.tributary.broker.log.TimestampAndOffset;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.types.Struct;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets (key 2), versions 1–7: earliest (-2), latest (-1), max timestamp (-3), earliest local (-4) and by
 * timestamp (the first record at or after it; offset -1 when there is none). Leader epoch 0.
 */
public final class ListOffsetsHandler implements ApiHandler {
    private final BrokerContext broker;

    public ListOffsetsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Struct response = ListOffsetsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("name");
            Struct topicResponse = response.addElement("topics").set("name", name);
            for (Struct p : topic.getStructs("partitions")) {
                int index = p.getInt32("partitionIndex");
                Struct out = topicResponse.addElement("partitions").set("partitionIndex", index);
                Optional<PartitionLog> log = broker.partition(name, index);
                if (log.isEmpty()) {
                    out.set("errorCode", Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                    continue;
                }
                Optional<TimestampAndOffset> found = log.get().offsetForTimestamp(p.getInt64("timestamp"));
                out.set("errorCode", Errors.NONE.code())
                    .set("timestamp", found.map(TimestampAndOffset::timestamp).orElse(-1L))
                    .set("offset", found.map(TimestampAndOffset::offset).orElse(-1L))
                    .set("leaderEpoch", found.isPresent() ? 0 : -1);
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
