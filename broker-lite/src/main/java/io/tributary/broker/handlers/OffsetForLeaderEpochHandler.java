package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.log.PartitionLog;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.OffsetForLeaderEpochResponse;
import io.tributary.protocol.types.Struct;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetForLeaderEpoch (key 23), versions 2–4, so consumers can validate their positions after a metadata
 * update. A single node has only ever had leader epoch 0: its end offset is the log end. A current leader epoch
 * above 0 is UNKNOWN_LEADER_EPOCH; asking for an epoch above 0 gets the undefined answer (-1, -1).
 */
public final class OffsetForLeaderEpochHandler implements ApiHandler {
    private final BrokerContext broker;

    public OffsetForLeaderEpochHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Struct response = OffsetForLeaderEpochResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        for (Struct t : request.getStructs("topics")) {
            String name = t.getString("topic");
            Struct topicResult = response.addElement("topics").set("topic", name);
            for (Struct p : t.getStructs("partitions")) {
                int index = p.getInt32("partition");
                Struct out = topicResult.addElement("partitions").set("partition", index);
                Optional<PartitionLog> log = broker.partition(name, index);
                if (log.isEmpty()) {
                    out.set("errorCode", Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                } else if (p.getInt32("currentLeaderEpoch") > 0) {
                    out.set("errorCode", Errors.UNKNOWN_LEADER_EPOCH.code());
                } else if (p.getInt32("leaderEpoch") == 0) {
                    out.set("errorCode", Errors.NONE.code()).set("leaderEpoch", 0)
                        .set("endOffset", log.get().logEndOffset());
                } else {
                    out.set("errorCode", Errors.NONE.code());
                }
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
