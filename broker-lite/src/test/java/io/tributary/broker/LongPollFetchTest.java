package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.handlers.FetchHandler;
import io.tributary.broker.handlers.ProduceHandler;
import io.tributary.broker.log.FileSlice;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.types.Struct;
import io.tributary.record.RecordBatchBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch long polling: a fetch with nothing to return waits for data up to max.wait.ms, and no longer. */
class LongPollFetchTest {
    @TempDir
    Path dir;
    private BrokerLite broker;

    @BeforeEach
    void start() throws Exception {
        broker = TestBrokers.start(dir);
        broker.context().topics().create("t", 1, Map.of());
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private CompletableFuture<Response> fetch(int maxWaitMs, long offset) {
        Struct req = FetchRequest.SCHEMA.newStruct().set("maxWaitMs", maxWaitMs).set("minBytes", 1)
            .set("maxBytes", 1 << 20);
        req.addElement("topics").set("topic", "t").addElement("partitions").set("partition", 0)
            .set("fetchOffset", offset).set("partitionMaxBytes", 1 << 20);
        RequestContext ctx = new RequestContext(new RequestHeader(ApiKey.FETCH.id(), (short) 12, 1, "c"), ApiKey.FETCH,
            null, "conn");
        return new FetchHandler(broker.context()).handle(ctx, req);
    }

    private void produce() throws Exception {
        Struct req = ProduceRequest.SCHEMA.newStruct().set("acks", (short) 1).set("timeoutMs", 1000);
        req.addElement("topicData").set("name", "t").addElement("partitionData").set("index", 0)
            .set("records", new RecordBatchBuilder(0).append(1, null, new byte[] {1, 2, 3}).build());
        RequestContext ctx = new RequestContext(new RequestHeader(ApiKey.PRODUCE.id(), (short) 9, 2, "p"),
            ApiKey.PRODUCE, null, "conn2");
        new ProduceHandler(broker.context()).handle(ctx, req).get();
    }

    private static Struct partition(Response r) {
        return r.body().getStructs("responses").get(0).getStructs("partitions").get(0);
    }

    @Test
    void aWaitingFetchIsAnsweredAsSoonAsDataArrives() throws Exception {
        CompletableFuture<Response> waiting = fetch(30_000, 0);
        assertThat(waiting).isNotDone();
        produce();
        Response r = waiting.get(10, TimeUnit.SECONDS);
        assertThat(partition(r).getInt16("errorCode")).isEqualTo(Errors.NONE.code());
        assertThat(((FileSlice) partition(r).get("records")).size()).isPositive();
        assertThat(partition(r).getInt64("highWatermark")).isEqualTo(1);
    }

    @Test
    void aFetchWithNothingToReturnEndsAfterMaxWait() throws Exception {
        long start = System.nanoTime();
        Response r = fetch(200, 0).get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(((FileSlice) partition(r).get("records")).size()).isZero();
        assertThat(fetch(0, 0).get(1, TimeUnit.SECONDS)).isNotNull(); // max wait 0 answers at once
    }

    @Test
    void anOutOfRangeOffsetIsAnsweredAtOnce() throws Exception {
        Response r = fetch(30_000, 5).get(5, TimeUnit.SECONDS);
        assertThat(partition(r).getInt16("errorCode")).isEqualTo(Errors.OFFSET_OUT_OF_RANGE.code());
    }
}
