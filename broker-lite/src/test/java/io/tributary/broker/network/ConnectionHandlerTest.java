package io.tributary.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.common.Errors;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.types.Struct;
import io.tributary.protocol.types.Versions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-connection pipeline on an EmbeddedChannel: ordering, NONE, backpressure, failures, buffer release. */
class ConnectionHandlerTest {
    private static final short MD = 12;

    private record Pending(RequestContext context, CompletableFuture<Response> future) {
        void answer() {
            future.complete(metadata(context.correlationId()));
        }
    }

    private final List<Pending> pending = new ArrayList<>();
    private final List<ByteBuf> inputs = new ArrayList<>();
    private EmbeddedChannel channel;

    private static Response metadata(int correlationId) {
        // the throttle time carries the correlation id, so a body cannot be paired with the wrong header
        return Response.of(MetadataResponse.SCHEMA.newStruct().set("throttleTimeMs", correlationId * 10));
    }

    private EmbeddedChannel open(int maxPending, FailureResponder failures) {
        ApiRegistry registry = new ApiRegistry()
            .registerApiVersions(Versions.parse("0-4"))
            .register(ApiKey.PRODUCE, Versions.parse("0-11"), (c, r) -> CompletableFuture.completedFuture(Response.NONE))
            .register(ApiKey.LIST_GROUPS, Versions.parse("0-5"), (c, r) -> {
                throw new IllegalStateException("thrown, not returned");
            })
            .register(ApiKey.METADATA, Versions.parse("0-12"), (context, request) -> {
                CompletableFuture<Response> f = new CompletableFuture<>();
                pending.add(new Pending(context, f));
                return f;
            });
        channel = new EmbeddedChannel(new KafkaFrameDecoder(1 << 20),
            new ConnectionHandler(new RequestDispatcher(registry, failures), maxPending, "test-connection"));
        return channel;
    }

    private void send(byte[] frame) {
        ByteBuf in = Unpooled.wrappedBuffer(frame);
        inputs.add(in);
        channel.writeInbound(in);
    }

    /** The correlation ids of every response written so far, checking each body against its header. */
    private List<Integer> responses() {
        channel.runPendingTasks();
        List<Integer> ids = new ArrayList<>();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            try {
                ByteBuffer b = out.nioBuffer();
                assertThat(b.getInt()).as("size prefix").isEqualTo(b.remaining());
                int correlationId = b.getInt(b.position());
                if (correlationId >= 100) {
                    TestFrames.Decoded d = TestFrames.response(b, ApiKey.API_VERSIONS, (short) 3);
                    assertThat(d.body().getInt16("errorCode")).isZero();
                } else {
                    TestFrames.Decoded d = TestFrames.response(b, ApiKey.METADATA, MD);
                    assertThat(d.body().getInt32("throttleTimeMs")).isEqualTo(correlationId * 10);
                }
                ids.add(correlationId);
            } finally {
                out.release();
            }
        }
        return ids;
    }

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        // every receive buffer is released once its request is done or the channel is closed
        pending.forEach(p -> p.future().complete(Response.NONE));
        assertThat(inputs).allSatisfy(in -> assertThat(in.refCnt()).as("input refCnt").isZero());
    }

    @Test
    void responsesLeaveInRequestOrderWhenHandlersCompleteInReverse() {
        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.request(ApiKey.METADATA, MD, 1));
        send(TestFrames.request(ApiKey.METADATA, MD, 2));
        send(TestFrames.request(ApiKey.API_VERSIONS, (short) 3, 100)); // answered at once, but must wait
        send(TestFrames.request(ApiKey.METADATA, MD, 3));
        assertThat(pending).hasSize(3);

        pending.get(2).answer();
        pending.get(1).answer();
        assertThat(responses()).as("nothing before request 1 is answered").isEmpty();
        assertThat(inputs.get(0).refCnt()).as("request 1's buffer is held while it is pending").isPositive();

        pending.get(0).answer();
        assertThat(responses()).containsExactly(1, 2, 100, 3);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void noResponseInTheMiddleDoesNotHoldBackLaterOnes() {
        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.request(ApiKey.METADATA, MD, 1));
        send(TestFrames.request(ApiKey.PRODUCE, (short) 9, 2)); // acks=0 style: handler answers NONE
        send(TestFrames.request(ApiKey.METADATA, MD, 3));
        pending.get(1).answer();
        assertThat(responses()).isEmpty();
        pending.get(0).answer();
        assertThat(responses()).containsExactly(1, 3);

        send(TestFrames.request(ApiKey.METADATA, MD, 4));
        pending.get(2).future().complete(Response.NONE);
        send(TestFrames.request(ApiKey.METADATA, MD, 5));
        pending.get(3).answer();
        assertThat(responses()).containsExactly(5);
    }

    @Test
    void readingPausesAtTheLimitAndResumesBelowIt() {
        open(2, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.request(ApiKey.METADATA, MD, 1));
        assertThat(channel.config().isAutoRead()).isTrue();
        send(TestFrames.request(ApiKey.METADATA, MD, 2));
        assertThat(channel.config().isAutoRead()).as("paused at 2 pending").isFalse();
        pending.get(1).answer();
        assertThat(channel.config().isAutoRead()).as("still 2 pending: 1 holds back 2").isFalse();
        pending.get(0).answer();
        assertThat(responses()).containsExactly(1, 2);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void failedHandlerClosesTheConnection() {
        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.request(ApiKey.METADATA, MD, 1));
        send(TestFrames.request(ApiKey.METADATA, MD, 2));
        pending.get(1).future().completeExceptionally(new IllegalStateException("boom"));
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        pending.get(0).answer();
        assertThat(responses()).isEmpty();
    }

    @Test
    void throwingHandlerClosesTheConnection() {
        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.request(ApiKey.LIST_GROUPS, (short) 3, 1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(responses()).isEmpty();
    }

    @Test
    void failureResponderCanAnswerInsteadOfClosing() {
        open(100, (context, request, error) -> {
            assertThat(error).isInstanceOf(IllegalStateException.class).hasMessage("boom");
            return metadata(context.correlationId());
        });
        send(TestFrames.request(ApiKey.METADATA, MD, 1));
        pending.get(0).future().completeExceptionally(new IllegalStateException("boom"));
        assertThat(responses()).containsExactly(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void versionOutsideTheAcceptedRangeCloses() {
        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.request(ApiKey.METADATA, (short) 13, 1)); // codec knows 13, broker advertises 0-12
        assertThat(channel.isOpen()).isFalse();
        assertThat(pending).isEmpty();
    }

    @Test
    void advertisedVersionBelowTheCodecCloses() {
        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.headerOnly(ApiKey.PRODUCE.id(), (short) 2, 1)); // advertised 0-11, codec reads 3+
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void apiNotRegisteredCloses() {
        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.request(ApiKey.FETCH, (short) 12, 1));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void tooNewApiVersionsGetsTheV0Fallback() {
        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.headerOnly(ApiKey.API_VERSIONS.id(), (short) 99, 7));
        ByteBuf out = channel.readOutbound();
        try {
            ByteBuffer b = out.nioBuffer();
            b.getInt();
            TestFrames.Decoded d = TestFrames.response(b, ApiKey.API_VERSIONS, (short) 0);
            assertThat(d.correlationId()).isEqualTo(7);
            assertThat(d.body().getInt16("errorCode")).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
            List<Struct> keys = d.body().getStructs("apiKeys");
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0).getInt16("apiKey")).isEqualTo(ApiKey.API_VERSIONS.id());
            assertThat(keys.get(0).getInt16("minVersion")).isEqualTo((short) 0);
            assertThat(keys.get(0).getInt16("maxVersion")).isEqualTo((short) 4);
            assertThat(b.hasRemaining()).isFalse();
        } finally {
            out.release();
        }
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void garbageClosesAndReleases() {
        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.frame(new byte[] {0, 3})); // truncated header
        assertThat(channel.isOpen()).isFalse();

        open(100, FailureResponder.CLOSE_CONNECTION);
        send(TestFrames.headerOnly((short) 999, (short) 0, 1)); // unknown API key
        assertThat(channel.isOpen()).isFalse();

        open(100, FailureResponder.CLOSE_CONNECTION);
        byte[] metadata = TestFrames.request(ApiKey.METADATA, MD, 1);
        byte[] cut = TestFrames.frame(Arrays.copyOfRange(metadata, 4, metadata.length - 1));
        send(cut); // body one byte short
        assertThat(channel.isOpen()).isFalse();
        assertThat(pending).isEmpty();
    }
}
