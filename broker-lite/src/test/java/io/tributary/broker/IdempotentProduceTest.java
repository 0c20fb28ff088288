package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.handlers.ProduceHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.common.Errors;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.types.Struct;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotent produce on the broker: a retried batch is answered with its original offset and written once, a gap
 * is OUT_OF_ORDER_SEQUENCE_NUMBER, an older epoch INVALID_PRODUCER_EPOCH, a new epoch restarts at 0, and all of it
 * still holds after a restart (state rebuilt from the log).
 */
class IdempotentProduceTest {
    @TempDir
    Path dir;
    private BrokerLite broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private BrokerLite start() throws Exception {
        return TestBrokers.start(dir);
    }

    private static ByteBuffer batch(long pid, short epoch, int baseSequence, int records) {
        RecordBatchBuilder b = new RecordBatchBuilder(0).producer(pid, epoch, baseSequence);
        for (int i = 0; i < records; i++) {
            b.append(1000 + i, null, ("r" + (baseSequence + i)).getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** Sends one batch to t-0 through the Produce handler; returns (errorCode, baseOffset). */
    private long[] produce(ByteBuffer batch) throws Exception {
        Struct request = ProduceRequest.SCHEMA.newStruct().set("acks", (short) -1).set("timeoutMs", 30000);
        request.addElement("topicData").set("name", "t").addElement("partitionData").set("index", 0)
            .set("records", batch);
        RequestContext ctx = new RequestContext(new RequestHeader((short) 0, (short) 9, 1, "test"), ApiKey.PRODUCE,
            null, "test-connection");
        Struct response = new ProduceHandler(broker.context()).handle(ctx, request).get().body();
        Struct p = response.getStructs("responses").get(0).getStructs("partitionResponses").get(0);
        return new long[] {p.getInt16("errorCode"), p.getInt64("baseOffset")};
    }

    @Test
    void retriesGapsAndEpochs() throws Exception {
        broker = start();
        assertThat(produce(batch(7, (short) 0, 0, 3))).containsExactly(0, 0);
        assertThat(produce(batch(7, (short) 0, 3, 2))).containsExactly(0, 3);
        // the client did not see the answer and retries: same offsets, nothing written twice
        assertThat(produce(batch(7, (short) 0, 0, 3))).containsExactly(0, 0);
        assertThat(produce(batch(7, (short) 0, 3, 2))).containsExactly(0, 3);
        assertThat(broker.context().partition("t", 0).orElseThrow().logEndOffset()).isEqualTo(5);
        // a gap
        assertThat(produce(batch(7, (short) 0, 9, 1))[0]).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
        // a bumped epoch must start at 0; afterwards the old epoch is fenced
        assertThat(produce(batch(7, (short) 1, 5, 1))[0]).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
        assertThat(produce(batch(7, (short) 1, 0, 1))).containsExactly(0, 5);
        assertThat(produce(batch(7, (short) 0, 5, 1))[0]).isEqualTo(Errors.INVALID_PRODUCER_EPOCH.code());
        // another producer is independent; a non-idempotent batch is always appended
        assertThat(produce(batch(8, (short) 0, 0, 1))).containsExactly(0, 6);
        assertThat(produce(new RecordBatchBuilder(0).append(1, null, new byte[1]).build())).containsExactly(0, 7);
        assertThat(broker.context().partition("t", 0).orElseThrow().logEndOffset()).isEqualTo(8);
    }

    @Test
    void producerStateSurvivesARestart() throws Exception {
        broker = start();
        assertThat(produce(batch(42, (short) 0, 0, 4))).containsExactly(0, 0);
        assertThat(produce(batch(42, (short) 0, 4, 4))).containsExactly(0, 4);
        broker.close();
        broker = start();
        assertThat(produce(batch(42, (short) 0, 4, 4))).containsExactly(0, 4);
        assertThat(produce(batch(42, (short) 0, 9, 1))[0]).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
        assertThat(produce(batch(42, (short) 0, 8, 1))).containsExactly(0, 8);
        assertThat(broker.context().partition("t", 0).orElseThrow().logEndOffset()).isEqualTo(9);
    }

    @Test
    void moreThanOneBatchOrADamagedBatchIsRefusedAndNothingIsWritten() throws Exception {
        broker = start();
        ByteBuffer two = ByteBuffer.allocate(200);
        two.put(batch(1, (short) 0, 0, 1)).put(batch(1, (short) 0, 1, 1)).flip();
        assertThat(produce(two)[0]).isEqualTo(Errors.INVALID_RECORD.code());
        ByteBuffer damaged = batch(2, (short) 0, 0, 2);
        damaged.put(damaged.limit() - 2, (byte) (damaged.get(damaged.limit() - 2) ^ 0x10));
        assertThat(RecordBatch.wrap(damaged).isValid()).isFalse();
        assertThat(produce(damaged)[0]).isEqualTo(Errors.CORRUPT_MESSAGE.code());
        assertThat(broker.context().partition("t", 0).orElseThrow().logEndOffset()).isZero();
    }
}
