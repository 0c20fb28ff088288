package io.tributary.broker.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerLite;
import io.tributary.broker.group.GroupConfig;
import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.group.OffsetManager;
import io.tributary.broker.group.OffsetStore;
import io.tributary.broker.network.RequestContext;
import io.tributary.common.Errors;
import io.tributary.common.MockTime;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.types.Struct;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version-specific request and response shapes of the group handlers, called directly. */
class GroupHandlersTest {
    @TempDir
    Path dir;
    private final MockTime time = new MockTime();
    private final GroupCoordinator coordinator =
        new GroupCoordinator(GroupConfig.defaults().withInitialRebalanceDelayMs(0), time);
    private final OffsetManager offsets = new OffsetManager(coordinator, GroupConfig.defaults(), time, OffsetStore.NONE);

    private static RequestContext ctx(ApiKey api, int version) {
        return new RequestContext(new RequestHeader(api.id(), (short) version, 1, "tester"), api, null, "conn-1");
    }

    /** Encodes a response at {@code version} and decodes it again, as a client would see it. */
    private static Struct wire(ApiKey api, int version, io.tributary.broker.network.Response response) {
        java.nio.ByteBuffer buf = api.responseSchema().write(response.body(), (short) version);
        return api.responseSchema().read(buf, (short) version);
    }

    private static Struct request(ApiKey api) {
        return api.requestSchema().newStruct();
    }

    @Test
    void findCoordinatorAnswersGroupsAndRefusesTransactions() throws Exception {
        try (BrokerLite broker = BrokerLite.start(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
            "log.dirs", dir.toString()))) {
            FindCoordinatorHandler h = new FindCoordinatorHandler(broker.context());
            Struct v6 = wire(ApiKey.FIND_COORDINATOR, 6, h.handle(ctx(ApiKey.FIND_COORDINATOR, 6), request(ApiKey.FIND_COORDINATOR)
                .set("keyType", (byte) 1).set("coordinatorKeys", List.of("tx-a", "tx-b"))).join());
            assertThat(v6.getStructs("coordinators")).extracting(c -> c.getString("key")).containsExactly("tx-a", "tx-b");
            assertThat(v6.getStructs("coordinators")).allSatisfy(c ->
                assertThat(c.getInt16("errorCode")).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code()));

            Struct v2 = wire(ApiKey.FIND_COORDINATOR, 2, h.handle(ctx(ApiKey.FIND_COORDINATOR, 2), request(ApiKey.FIND_COORDINATOR)
                .set("key", "my-group").set("keyType", (byte) 0)).join());
            assertThat(v2.getInt16("errorCode")).isEqualTo(Errors.NONE.code());
            assertThat(v2.getInt32("nodeId")).isEqualTo(broker.context().nodeId());
            assertThat(v2.getInt32("port")).isEqualTo(broker.boundAddress().getPort());
        }
    }

    @Test
    void offsetCommitRefusesUnknownTopicsPerPartition() throws Exception {
        try (BrokerLite broker = BrokerLite.start(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
            "log.dirs", dir.toString(), "num.partitions", "2", "offsets.topic.num.partitions", "1"))) {
            broker.context().ensureTopic("known", true);
            OffsetCommitHandler h = new OffsetCommitHandler(broker.context(), offsets);
            Struct req = request(ApiKey.OFFSET_COMMIT).set("groupId", "g").set("generationIdOrMemberEpoch", -1)
                .set("memberId", "");
            Struct known = req.addElement("topics").set("name", "known");
            known.addElement("partitions").set("partitionIndex", 1).set("committedOffset", 5L)
                .set("committedMetadata", "m");
            known.addElement("partitions").set("partitionIndex", 2).set("committedOffset", 5L);
            req.addElement("topics").set("name", "unknown").addElement("partitions").set("partitionIndex", 0)
                .set("committedOffset", 1L);
            Struct resp = wire(ApiKey.OFFSET_COMMIT, 9, h.handle(ctx(ApiKey.OFFSET_COMMIT, 9), req).join());
            assertThat(resp.getStructs("topics").get(0).getStructs("partitions")).extracting(p -> p.getInt16("errorCode"))
                .containsExactly(Errors.NONE.code(), Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(resp.getStructs("topics").get(1).getStructs("partitions").get(0).getInt16("errorCode"))
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());

            OffsetFetchHandler fetch = new OffsetFetchHandler(offsets);
            Struct v1 = request(ApiKey.OFFSET_FETCH).set("groupId", "g");
            v1.addElement("topics").set("name", "known").set("partitionIndexes", List.of(0, 1));
            Struct r1 = wire(ApiKey.OFFSET_FETCH, 1, fetch.handle(ctx(ApiKey.OFFSET_FETCH, 1), v1).join());
            assertThat(r1.getStructs("topics").get(0).getStructs("partitions"))
                .extracting(p -> p.getInt64("committedOffset")).containsExactly(-1L, 5L);

            Struct v8 = request(ApiKey.OFFSET_FETCH);
            v8.addElement("groups").set("groupId", "g").set("topics", null);
            v8.addElement("groups").set("groupId", "other").set("topics", null);
            Struct r8 = wire(ApiKey.OFFSET_FETCH, 8, fetch.handle(ctx(ApiKey.OFFSET_FETCH, 8), v8).join());
            Struct g = r8.getStructs("groups").get(0);
            assertThat(g.getString("groupId")).isEqualTo("g");
            assertThat(g.getStructs("topics")).singleElement().satisfies(t -> {
                assertThat(t.getString("name")).isEqualTo("known");
                assertThat(t.getStructs("partitions")).singleElement().satisfies(p -> {
                    assertThat(p.getInt32("partitionIndex")).isEqualTo(1);
                    assertThat(p.getString("metadata")).isEqualTo("m");
                });
            });
            assertThat(r8.getStructs("groups").get(1).getStructs("topics")).isEmpty();
        }
    }

    @Test
    void oldJoinGroupVersionsGetAMemberIdAtOnceAndLeaveGroupV0Answers() {
        JoinGroupHandler join = new JoinGroupHandler(coordinator);
        Struct req = request(ApiKey.JOIN_GROUP).set("groupId", "old").set("sessionTimeoutMs", 10_000)
            .set("memberId", "").set("protocolType", "consumer");
        req.addElement("protocols").set("name", "range").set("metadata", new byte[] {7});
        Struct resp = wire(ApiKey.JOIN_GROUP, 0, join.handle(ctx(ApiKey.JOIN_GROUP, 0), req).join());
        assertThat(resp.getInt16("errorCode")).isEqualTo(Errors.NONE.code());
        String memberId = resp.getString("memberId");
        assertThat(memberId).startsWith("tester-");
        assertThat(resp.getString("leader")).isEqualTo(memberId);
        assertThat(resp.getStructs("members")).singleElement()
            .satisfies(m -> assertThat(m.getBytes("metadata")).containsExactly(7));

        LeaveGroupHandler leave = new LeaveGroupHandler(coordinator);
        Struct unknown = wire(ApiKey.LEAVE_GROUP, 0, leave.handle(ctx(ApiKey.LEAVE_GROUP, 0), request(ApiKey.LEAVE_GROUP).set("groupId", "old")
            .set("memberId", "stranger")).join());
        assertThat(unknown.getInt16("errorCode")).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        Struct left = wire(ApiKey.LEAVE_GROUP, 0, leave.handle(ctx(ApiKey.LEAVE_GROUP, 0), request(ApiKey.LEAVE_GROUP).set("groupId", "old")
            .set("memberId", memberId)).join());
        assertThat(left.getInt16("errorCode")).isEqualTo(Errors.NONE.code());
    }

    @Test
    void joinGroupV4WithoutMemberIdGetsMemberIdRequired() {
        JoinGroupHandler join = new JoinGroupHandler(coordinator);
        Struct req = request(ApiKey.JOIN_GROUP).set("groupId", "new").set("sessionTimeoutMs", 10_000)
            .set("rebalanceTimeoutMs", 20_000).set("memberId", "").set("protocolType", "consumer");
        req.addElement("protocols").set("name", "range").set("metadata", new byte[0]);
        Struct resp = wire(ApiKey.JOIN_GROUP, 9, join.handle(ctx(ApiKey.JOIN_GROUP, 9), req).join());
        assertThat(resp.getInt16("errorCode")).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
        assertThat(resp.getString("memberId")).startsWith("tester-");
        assertThat(resp.getString("protocolName")).isNull();
    }

    /** Encodes a request at {@code version} and decodes it, as the broker receives it. */
    private static Struct sent(ApiKey api, int version, Struct body) {
        return api.requestSchema().read(api.requestSchema().write(body, (short) version), (short) version);
    }

    /** The versions kafkajs 2.2.4 and librdkafka 2.x use: JoinGroup 5, SyncGroup/Heartbeat 3, LeaveGroup 1. */
    @Test
    void aWholeGroupLifecycleAtTheVersionsOfOlderClients() throws Exception {
        try (BrokerLite broker = BrokerLite.start(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
            "log.dirs", dir.toString(), "num.partitions", "1", "offsets.topic.num.partitions", "1",
            "group.initial.rebalance.delay.ms", "0"))) {
            broker.context().ensureTopic("events", true);
            GroupCoordinator groups = broker.context().groupCoordinator();
            OffsetManager offsets = broker.context().groupOffsets();

            Struct join = request(ApiKey.JOIN_GROUP).set("groupId", "legacy").set("sessionTimeoutMs", 30_000)
                .set("rebalanceTimeoutMs", 60_000).set("memberId", "").set("groupInstanceId", null)
                .set("protocolType", "consumer");
            join.addElement("protocols").set("name", "RoundRobinAssigner").set("metadata", new byte[] {1, 2});
            Struct first = wire(ApiKey.JOIN_GROUP, 5, new JoinGroupHandler(groups)
                .handle(ctx(ApiKey.JOIN_GROUP, 5), sent(ApiKey.JOIN_GROUP, 5, join)).join());
            assertThat(first.getInt16("errorCode")).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
            String memberId = first.getString("memberId");
            join.set("memberId", memberId);
            Struct joined = wire(ApiKey.JOIN_GROUP, 5, new JoinGroupHandler(groups)
                .handle(ctx(ApiKey.JOIN_GROUP, 5), sent(ApiKey.JOIN_GROUP, 5, join)).join());
            assertThat(joined.getInt16("errorCode")).isEqualTo(Errors.NONE.code());
            assertThat(joined.getString("protocolName")).isEqualTo("RoundRobinAssigner");
            int generation = joined.getInt32("generationId");

            Struct sync = request(ApiKey.SYNC_GROUP).set("groupId", "legacy").set("generationId", generation)
                .set("memberId", memberId);
            sync.addElement("assignments").set("memberId", memberId).set("assignment", new byte[] {9, 9});
            Struct synced = wire(ApiKey.SYNC_GROUP, 3, new SyncGroupHandler(groups)
                .handle(ctx(ApiKey.SYNC_GROUP, 3), sent(ApiKey.SYNC_GROUP, 3, sync)).join());
            assertThat(synced.getBytes("assignment")).containsExactly(9, 9);

            Struct beat = wire(ApiKey.HEARTBEAT, 3, new HeartbeatHandler(groups).handle(ctx(ApiKey.HEARTBEAT, 3),
                sent(ApiKey.HEARTBEAT, 3, request(ApiKey.HEARTBEAT).set("groupId", "legacy")
                    .set("generationId", generation).set("memberId", memberId))).join());
            assertThat(beat.getInt16("errorCode")).isEqualTo(Errors.NONE.code());

            Struct commit = request(ApiKey.OFFSET_COMMIT).set("groupId", "legacy")
                .set("generationIdOrMemberEpoch", generation).set("memberId", memberId).set("retentionTimeMs", -1L);
            commit.addElement("topics").set("name", "events").addElement("partitions").set("partitionIndex", 0)
                .set("committedOffset", 12L).set("committedMetadata", null);
            Struct committed = wire(ApiKey.OFFSET_COMMIT, 5, new OffsetCommitHandler(broker.context(), offsets)
                .handle(ctx(ApiKey.OFFSET_COMMIT, 5), sent(ApiKey.OFFSET_COMMIT, 5, commit)).join());
            assertThat(committed.getStructs("topics").get(0).getStructs("partitions").get(0).getInt16("errorCode"))
                .isEqualTo(Errors.NONE.code());

            Struct fetch = request(ApiKey.OFFSET_FETCH).set("groupId", "legacy").set("topics", null);
            Struct fetched = wire(ApiKey.OFFSET_FETCH, 4, new OffsetFetchHandler(offsets)
                .handle(ctx(ApiKey.OFFSET_FETCH, 4), sent(ApiKey.OFFSET_FETCH, 4, fetch)).join());
            assertThat(fetched.getStructs("topics").get(0).getStructs("partitions").get(0).getInt64("committedOffset"))
                .isEqualTo(12L);

            Struct left = wire(ApiKey.LEAVE_GROUP, 1, new LeaveGroupHandler(groups).handle(ctx(ApiKey.LEAVE_GROUP, 1),
                sent(ApiKey.LEAVE_GROUP, 1, request(ApiKey.LEAVE_GROUP).set("groupId", "legacy")
                    .set("memberId", memberId))).join());
            assertThat(left.getInt16("errorCode")).isEqualTo(Errors.NONE.code());
            assertThat(groups.state("legacy")).contains(io.tributary.broker.group.GroupState.EMPTY);
        }
    }
}
