package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.log.LogReadResult;
import io.tributary.broker.log.PartitionLog;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetch (key 1), versions 4–12, for consumers (replica id -1). Long poll: when fewer than min.bytes are available
 * the request waits, up to max.wait.ms, for appends to any partition and is answered as soon as enough arrived.
 * Limits: the response's max.bytes and each partition's partition max bytes, except that the first batch found is
 * always returned whole (so a batch larger than the limits still makes progress). Fetch sessions are declined by
 * answering session id 0, so every request is a full fetch. Isolation level is ignored (no transactions yet: the
 * last stable offset is the high watermark). Records are answered as segment file ranges, which the network
 * layer sends with sendfile (zero copy).
 */
public final class FetchHandler implements ApiHandler {
    private final BrokerContext broker;

    public FetchHandler(BrokerContext broker) {
        this.broker = broker;
    }

    /** One evaluation of the request against the logs. */
    private record Attempt(Struct response, long bytes, boolean hasError) {
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Attempt first = read(request);
        int maxWaitMs = request.getInt32("maxWaitMs");
        int minBytes = request.getInt32("minBytes");
        if (first.bytes() >= Math.max(1, minBytes) || maxWaitMs <= 0 || first.hasError()) {
            return CompletableFuture.completedFuture(Response.of(first.response()));
        }
        CompletableFuture<Response> result = new CompletableFuture<>();
        AtomicBoolean done = new AtomicBoolean();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (done.get()) {
                return;
            }
            Attempt again = read(request);
            if ((again.bytes() >= Math.max(1, minBytes) || again.hasError()) && done.compareAndSet(false, true)) {
                broker.arrivals().unregister(listener[0]);
                result.complete(Response.of(again.response()));
            }
        };
        broker.arrivals().register(listener[0]);
        broker.scheduler().schedule(() -> {
            if (done.compareAndSet(false, true)) {
                broker.arrivals().unregister(listener[0]);
                result.complete(Response.of(read(request).response()));
            }
        }, maxWaitMs, TimeUnit.MILLISECONDS);
        listener[0].run(); // data may have arrived between the first read and registering
        return result;
    }

    private Attempt read(Struct request) {
        Struct response = FetchResponse.SCHEMA.newStruct().set("throttleTimeMs", 0)
            .set("errorCode", Errors.NONE.code()).set("sessionId", 0);
        long budget = Math.max(0, request.getInt32("maxBytes"));
        long total = 0;
        boolean anyError = false;
        boolean first = true;
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("topic");
            Struct topicResponse = response.addElement("responses").set("topic", name);
            for (Struct p : topic.getStructs("partitions")) {
                int index = p.getInt32("partition");
                Struct out = topicResponse.addElement("partitions").set("partitionIndex", index)
                    .set("abortedTransactions", List.of());
                Optional<PartitionLog> log = broker.partition(name, index);
                if (log.isEmpty()) {
                    out.set("errorCode", Errors.UNKNOWN_TOPIC_OR_PARTITION.code()).set("highWatermark", -1L)
                        .set("records", ByteBuffer.allocate(0));
                    anyError = true;
                    continue;
                }
                PartitionLog l = log.get();
                out.set("highWatermark", l.highWatermark()).set("lastStableOffset", l.highWatermark())
                    .set("logStartOffset", l.logStartOffset());
                try {
                    int limit = (int) Math.min(p.getInt32("partitionMaxBytes"), budget - total);
                    LogReadResult r = l.read(p.getInt64("fetchOffset"), Math.max(0, limit), first);
                    int size = r.records().size();
                    if (size > 0) {
                        first = false;
                    }
                    total += size;
                    // the segment range itself: the network layer sends it with sendfile, no copy
                    out.set("errorCode", Errors.NONE.code()).set("records", r.records());
                } catch (TributaryException e) {
                    out.set("errorCode", e.error().code()).set("records", ByteBuffer.allocate(0));
                    anyError = true;
                }
            }
        }
        return new Attempt(response, total, anyError);
    }
}
