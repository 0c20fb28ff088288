package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tributary.broker.network.ApiRegistry;
import io.tributary.broker.network.NetworkConfig;
import io.tributary.broker.network.NetworkServer;
import io.tributary.broker.network.Response;
import io.tributary.clients.admin.ConsumerGroupDescription;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.types.Struct;
import io.tributary.protocol.types.Versions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin client against a scripted broker (broker-lite's network layer with handlers that answer what a test
 * needs): coordinator errors and their retries, the pre-v4 FindCoordinator request, and version limits.
 */
class TributaryAdminScriptedBrokerTest {
    private static final int NODE_ID = 7;
    private NetworkServer server;
    private TributaryAdmin admin;
    private final AtomicInteger port = new AtomicInteger();
    private final Queue<String> findCoordinatorKeys = new ConcurrentLinkedQueue<>();
    private final AtomicInteger findCoordinatorMaxVersion = new AtomicInteger(-1);
    /** Error codes DescribeGroups answers with, one per request, before it describes the group. */
    private final Queue<Errors> describeErrors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger describes = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        start("0-4");
    }

    /** Restarts the scripted broker advertising {@code apiVersions} for ApiVersions. */
    private void start(String apiVersions) throws Exception {
        stop();
        ApiRegistry registry = new ApiRegistry()
            .registerApiVersions(Versions.parse(apiVersions))
            .register(ApiKey.METADATA, Versions.parse("0-12"), (ctx, req) -> {
                Struct r = MetadataResponse.SCHEMA.newStruct().set("clusterId", "scripted").set("controllerId", NODE_ID);
                r.addElement("brokers").set("nodeId", NODE_ID).set("host", "127.0.0.1").set("port", port.get());
                return CompletableFuture.completedFuture(Response.of(r));
            })
            // only the pre-KIP-699 single-key form
            .register(ApiKey.FIND_COORDINATOR, Versions.parse("0-3"), (ctx, req) -> {
                findCoordinatorKeys.add(req.getString("key"));
                findCoordinatorMaxVersion.accumulateAndGet(ctx.apiVersion(), Math::max);
                return CompletableFuture.completedFuture(Response.of(FindCoordinatorResponse.SCHEMA.newStruct()
                    .set("errorCode", (short) 0).set("nodeId", NODE_ID).set("host", "127.0.0.1")
                    .set("port", port.get())));
            })
            .register(ApiKey.DESCRIBE_GROUPS, Versions.parse("0-6"), (ctx, req) -> {
                describes.incrementAndGet();
                String id = req.<String>getArray("groups").get(0);
                Struct r = DescribeGroupsResponse.SCHEMA.newStruct();
                Struct g = r.addElement("groups").set("groupId", id);
                Errors scripted = describeErrors.poll();
                if (scripted != null) {
                    g.set("errorCode", scripted.code());
                } else if (id.equals("missing")) {
                    g.set("errorCode", Errors.GROUP_ID_NOT_FOUND.code())
                        .set("errorMessage", "Group missing not found.").set("groupState", "Dead");
                } else {
                    g.set("groupState", "Stable").set("protocolType", "consumer").set("protocolData", "range");
                    g.addElement("members").set("memberId", "m-1").set("groupInstanceId", "i-1")
                        .set("clientId", "c").set("clientHost", "/127.0.0.1")
                        .set("memberAssignment", assignment());
                }
                return CompletableFuture.completedFuture(Response.of(r));
            })
            .register(ApiKey.CREATE_TOPICS, Versions.parse("2-3"), (ctx, req) -> {
                Struct r = CreateTopicsResponse.SCHEMA.newStruct().set("topics", new ArrayList<Struct>());
                for (Struct t : req.getStructs("topics")) {
                    r.addElement("topics").set("name", t.getString("name")).set("errorCode", (short) 0);
                }
                return CompletableFuture.completedFuture(Response.of(r));
            });
        server = NetworkServer.start(NetworkConfig.of("127.0.0.1", 0).withIoThreads(1)
            .withShutdownTimeout(Duration.ofSeconds(2)), registry);
        port.set(server.boundAddress().getPort());
        admin = TributaryAdmin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port.get(),
            "retry.backoff.ms", "20", "default.api.timeout.ms", "10000"));
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
            server.close();
        }
    }

    private static byte[] assignment() {
        ByteBuffer b = ConsumerProtocol.serializeAssignment(new ConsumerPartitionAssignor.Assignment(
            List.of(new org.apache.kafka.common.TopicPartition("t", 1)), ByteBuffer.wrap(new byte[] {9})), (short) 3);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static TributaryException failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(f::join);
        assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(TributaryException.class);
        return (TributaryException) t.getCause();
    }

    @Test
    void retriesCoordinatorErrorsLookingTheCoordinatorUpAgainWhenItMoved() {
        describeErrors.add(Errors.NOT_COORDINATOR);
        describeErrors.add(Errors.COORDINATOR_LOAD_IN_PROGRESS);
        describeErrors.add(Errors.COORDINATOR_NOT_AVAILABLE);
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("g")).join().get("g");
        assertThat(d.state()).isEqualTo("Stable");
        assertThat(d.coordinator().id()).isEqualTo(NODE_ID);
        assertThat(d.members()).singleElement().satisfies(m -> {
            assertThat(m.groupInstanceId()).isEqualTo("i-1");
            assertThat(m.assignment().version()).isEqualTo((short) 3);
            assertThat(m.assignment().partitions()).containsExactly(new TopicPartition("t", 1));
            assertThat(m.assignment().userData()).containsExactly(9);
        });
        assertThat(describes).hasValue(4);
        // looked up first, again after NOT_COORDINATOR and after COORDINATOR_NOT_AVAILABLE, not after the load
        assertThat(findCoordinatorKeys).containsExactly("g", "g", "g");
        assertThat(findCoordinatorMaxVersion).hasValue(3);
    }

    @Test
    void negotiatesWithABrokerThatKnowsOnlyOlderApiVersions() throws Exception {
        start("0-3"); // answers ApiVersions v4 with a v0 body and UNSUPPORTED_VERSION
        assertThat(admin.describeConsumerGroups(List.of("g")).join().get("g").state()).isEqualTo("Stable");
    }

    @Test
    void reportsTheBrokersGroupIdNotFound() {
        TributaryException e = failure(admin.describeConsumerGroups(List.of("missing")));
        assertThat(e.error()).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
        assertThat(e.getMessage()).contains("missing").contains("Group missing not found.");
    }

    @Test
    void aCoordinatorThatNeverLoadsEndsInATimeoutNamingTheOperation() {
        try (TributaryAdmin quick = TributaryAdmin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port.get(),
            "retry.backoff.ms", "20", "default.api.timeout.ms", "800"))) {
            for (int i = 0; i < 1000; i++) {
                describeErrors.add(Errors.COORDINATOR_LOAD_IN_PROGRESS);
            }
            TributaryException e = failure(quick.describeConsumerGroups(List.of("slow")));
            assertThat(e).isInstanceOf(io.tributary.common.TimeoutException.class);
            assertThat(e.getMessage()).contains("describe consumer group slow").contains("COORDINATOR_LOAD_IN_PROGRESS");
        }
    }

    @Test
    void brokerDefaultsNeedCreateTopicsV4() {
        TributaryException e = failure(admin.createTopics(List.of(new NewTopic("x"))));
        assertThat(e.error()).isEqualTo(Errors.UNSUPPORTED_VERSION);
        assertThat(e.getMessage()).contains("x").contains("v4");
        assertThat(admin.createTopics(List.of(new NewTopic("y", 1, (short) 1))).join().get("y").partitions())
            .isEqualTo(-1);
    }
}
