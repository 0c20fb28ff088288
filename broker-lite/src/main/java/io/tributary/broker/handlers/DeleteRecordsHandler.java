package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.log.PartitionLog;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.protocol.message.DeleteRecordsResponse;
import io.tributary.protocol.types.Struct;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteRecords (key 21), versions 0–2: moves each partition's log start offset up to the given offset (-1 means the
 * high watermark), deleting whole segments below it; answers the new low watermark. Above the high watermark is
 * OFFSET_OUT_OF_RANGE.
 */
public final class DeleteRecordsHandler implements ApiHandler {
    private final BrokerContext broker;

    public DeleteRecordsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Struct response = DeleteRecordsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        for (Struct t : request.getStructs("topics")) {
            String name = t.getString("name");
            Struct topicResult = response.addElement("topics").set("name", name);
            for (Struct p : t.getStructs("partitions")) {
                int index = p.getInt32("partitionIndex");
                Struct out = topicResult.addElement("partitions").set("partitionIndex", index).set("lowWatermark", -1L);
                Optional<PartitionLog> log = broker.partition(name, index);
                if (log.isEmpty()) {
                    out.set("errorCode", Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                    continue;
                }
                if (!log.get().config().delete) {
                    // as Kafka: records may be deleted only where retention by deletion applies
                    out.set("errorCode", Errors.POLICY_VIOLATION.code());
                    continue;
                }
                try {
                    long offset = p.getInt64("offset");
                    long target = offset == -1 ? log.get().highWatermark() : offset;
                    out.set("lowWatermark", log.get().deleteRecordsBefore(target)).set("errorCode", Errors.NONE.code());
                } catch (TributaryException e) {
                    out.set("errorCode", e.error().code());
                }
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
