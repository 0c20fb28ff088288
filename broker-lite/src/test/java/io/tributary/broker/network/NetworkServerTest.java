package io.tributary.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.common.Errors;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.types.Versions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The server over real TCP, checked with Tributary's codec and with Kafka's own response classes. */
class NetworkServerTest {
    private static final int MAX_REQUEST_BYTES = 1 << 20;

    private NetworkServer server;

    private NetworkServer start(boolean preferNative, int maxPending) throws InterruptedException {
        ApiRegistry registry = new ApiRegistry()
            .registerApiVersions(Versions.parse("0-5"))
            .register(ApiKey.PRODUCE, Versions.parse("3-11"), (c, r) -> CompletableFuture.completedFuture(Response.NONE))
            .register(ApiKey.METADATA, Versions.parse("0-12"), (context, request) -> {
                // complete later, on another thread, after a random delay: completion order is scrambled
                Response answer = Response.of(MetadataResponse.SCHEMA.newStruct()
                    .set("throttleTimeMs", context.correlationId()));
                return CompletableFuture.supplyAsync(() -> answer, CompletableFuture.delayedExecutor(
                    ThreadLocalRandom.current().nextInt(5), TimeUnit.MILLISECONDS));
            });
        NetworkConfig config = NetworkConfig.of("127.0.0.1", 0).withMaxRequestBytes(MAX_REQUEST_BYTES)
            .withMaxPendingRequests(maxPending).withIoThreads(2).withPreferNativeTransport(preferNative)
            .withShutdownTimeout(Duration.ofSeconds(5));
        server = NetworkServer.start(config, registry);
        return server;
    }

    private TestClient connect() throws IOException {
        return new TestClient(server.boundAddress());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] sized(ByteBuffer payload) {
        return TestFrames.frame(TestFrames.toArray(payload));
    }

    @ParameterizedTest(name = "native transport preferred: {0}")
    @ValueSource(booleans = {true, false})
    void kafkaReadsApiVersionsAtEveryVersion(boolean preferNative) throws Exception {
        start(preferNative, 100);
        assertThat(server.boundAddress().getPort()).isPositive();
        try (TestClient client = connect()) {
            for (short v = 0; v <= 5; v++) {
                RequestHeader header = new RequestHeader(ApiKeys.API_VERSIONS, v, "kafka-java", 40 + v);
                client.send(sized(new ApiVersionsRequest.Builder().build(v).serializeWithHeader(header)));
                ByteBuffer payload = client.receive();

                ByteBuffer forKafka = payload.duplicate();
                assertThat(ResponseHeader.parse(forKafka, (short) 0).correlationId()).isEqualTo(40 + v);
                ApiVersionsResponseData data = ApiVersionsResponse.parse(new ByteBufferAccessor(forKafka), v).data();
                assertThat(forKafka.hasRemaining()).as("v%d fully read", v).isFalse();
                assertThat(data.errorCode()).isZero();
                assertThat(data.throttleTimeMs()).isZero();
                assertThat(data.apiKeys()).extracting(k -> List.of(k.apiKey(), k.minVersion(), k.maxVersion()))
                    .containsExactly(List.of((short) 0, (short) 3, (short) 11), List.of((short) 3, (short) 0, (short) 12),
                        List.of((short) 18, (short) 0, (short) 5));

                TestFrames.Decoded ours = TestFrames.response(payload.duplicate(), ApiKey.API_VERSIONS, v);
                assertThat(ours.correlationId()).isEqualTo(40 + v);
                assertThat(ours.body().getStructs("apiKeys")).hasSize(3);
            }
        }
    }

    @ParameterizedTest(name = "native transport preferred: {0}")
    @ValueSource(booleans = {true, false})
    void pipelinedRequestsAreAnsweredInOrder(boolean preferNative) throws Exception {
        start(preferNative, 8); // a small limit, so reading pauses and resumes many times
        Random random = new Random(7);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        Map<Integer, ApiKey> expected = new LinkedHashMap<>(); // answered requests, in request order
        for (int id = 1; id <= 300; id++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                batch.writeBytes(TestFrames.request(ApiKey.PRODUCE, (short) 9, id)); // no response
            } else if (kind == 1) {
                batch.writeBytes(TestFrames.request(ApiKey.API_VERSIONS, (short) 3, id));
                expected.put(id, ApiKey.API_VERSIONS);
            } else {
                batch.writeBytes(TestFrames.request(ApiKey.METADATA, (short) 12, id));
                expected.put(id, ApiKey.METADATA);
            }
        }
        try (TestClient client = connect()) {
            client.send(batch.toByteArray());
            List<Integer> received = new ArrayList<>();
            for (Map.Entry<Integer, ApiKey> e : expected.entrySet()) {
                short version = e.getValue() == ApiKey.METADATA ? (short) 12 : (short) 3;
                TestFrames.Decoded d = TestFrames.response(client.receive(), e.getValue(), version);
                received.add(d.correlationId());
                if (e.getValue() == ApiKey.METADATA) {
                    assertThat(d.body().getInt32("throttleTimeMs")).isEqualTo(d.correlationId());
                }
            }
            assertThat(received).containsExactlyElementsOf(expected.keySet());
        }
    }

    @ParameterizedTest
    @ValueSource(shorts = {6, 99, Short.MAX_VALUE})
    void tooNewApiVersionsGetsAV0Answer(short version) throws Exception {
        start(true, 100);
        try (TestClient client = connect()) {
            client.send(TestFrames.headerOnly(ApiKey.API_VERSIONS.id(), version, 1234));
            ByteBuffer payload = client.receive();
            assertThat(ResponseHeader.parse(payload, (short) 0).correlationId()).isEqualTo(1234);
            ApiVersionsResponseData data = new ApiVersionsResponseData(new ByteBufferAccessor(payload), (short) 0);
            assertThat(payload.hasRemaining()).isFalse();
            assertThat(data.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
            assertThat(data.apiKeys()).hasSize(1);
            ApiVersionsResponseData.ApiVersion only = data.apiKeys().iterator().next();
            assertThat(List.of(only.apiKey(), only.minVersion(), only.maxVersion()))
                .containsExactly((short) 18, (short) 0, (short) 5);

            // the connection stays usable: the client retries at a version the broker serves
            client.send(TestFrames.request(ApiKey.API_VERSIONS, (short) 5, 1235));
            assertThat(TestFrames.response(client.receive(), ApiKey.API_VERSIONS, (short) 5).correlationId())
                .isEqualTo(1235);
        }
    }

    static Stream<Named<byte[]>> badInputs() {
        byte[] random = new byte[64];
        new Random(3).nextBytes(random);
        random[0] = 0x7f; // an API key no one defines, whatever the seed
        return Stream.of(
            Named.of("random bytes", TestFrames.frame(random)),
            Named.of("truncated header", TestFrames.frame(new byte[] {0, 18, 0})),
            Named.of("unknown API key 999", TestFrames.headerOnly((short) 999, (short) 0, 5)),
            Named.of("body missing", TestFrames.headerOnly(ApiKey.METADATA.id(), (short) 12, 5)),
            Named.of("oversized frame", ByteBuffer.allocate(8).putInt(MAX_REQUEST_BYTES + 1).array()),
            Named.of("size -1", ByteBuffer.allocate(8).putInt(-1).array()));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputClosesOnlyThatConnection(byte[] input) throws Exception {
        start(true, 100);
        try (TestClient bystander = connect(); TestClient bad = connect()) {
            bad.send(input);
            assertThat(bad.closedByServer()).isTrue();
            assertServes(bystander, 1);
        }
        try (TestClient fresh = connect()) {
            assertServes(fresh, 2);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7, 30})
    void clientClosingMidFrameIsForgotten(int bytesSent) throws Exception {
        start(true, 100);
        byte[] request = TestFrames.request(ApiKey.METADATA, (short) 12, 9);
        try (TestClient quitter = connect()) {
            quitter.send(Arrays.copyOf(request, bytesSent));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 0);
        try (TestClient fresh = connect()) {
            assertServes(fresh, 3);
        }
    }

    @Test
    void closeDisconnectsClients() throws Exception {
        start(true, 100);
        try (TestClient client = connect()) {
            assertServes(client, 1);
            assertThat(server.connectionCount()).isEqualTo(1);
            server.close();
            assertThat(client.closedByServer()).isTrue();
            server.close(); // idempotent
        }
    }

    private static void assertServes(TestClient client, int correlationId) throws IOException {
        client.send(TestFrames.request(ApiKey.API_VERSIONS, (short) 4, correlationId));
        TestFrames.Decoded d = TestFrames.response(client.receive(), ApiKey.API_VERSIONS, (short) 4);
        assertThat(d.correlationId()).isEqualTo(correlationId);
        assertThat(d.body().getInt16("errorCode")).isZero();
    }
}
