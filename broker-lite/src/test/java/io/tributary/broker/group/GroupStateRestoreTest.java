package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.log.LogStore;
import io.tributary.common.Errors;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group state in {@code __consumer_offsets}: after a reopen of the logs (a broker restart) a Stable group is back with
 * its generation, leader, members and assignments; members that heartbeat in time keep them, the others expire.
 */
class GroupStateRestoreTest {
    private static final String GROUP = "restored";
    private static final int SESSION = 10_000;
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;
    private final MockTime time = new MockTime();
    private final GroupConfig config = GroupConfig.defaults().withInitialRebalanceDelayMs(0).withOffsetsRetentionMs(60_000);
    private LogStore logs;
    private GroupCoordinator coordinator;
    private OffsetManager offsets;

    private void open() throws Exception {
        TopicRegistry topics = TopicRegistry.open(dir, BrokerConfig.from(Map.of("log.dirs", dir.toString())).topicDefaults());
        logs = LogStore.open(List.of(dir), time, LogStore.Options.manual(), topics::logConfig);
        OffsetsTopicStore store = new OffsetsTopicStore(topics, logs, time, 3);
        coordinator = new GroupCoordinator(config, time, store);
        offsets = new OffsetManager(coordinator, config, time, store);
        offsets.load();
    }

    private void restart() throws Exception {
        logs.close();
        open();
    }

    @AfterEach
    void close() throws Exception {
        if (logs != null) {
            logs.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private CompletableFuture<JoinResult> join(String memberId, String instanceId, String client) {
        return coordinator.join(new GroupCoordinator.JoinRequest(GROUP, memberId, instanceId, client, "/10.0.0." + client,
            SESSION, 30_000, "consumer", List.of(new JoinProtocol("range", bytes("sub-" + client))), true));
    }

    private String memberId(String instanceId, String client) {
        JoinResult first = join("", instanceId, client).join();
        if (first.error() == Errors.MEMBER_ID_REQUIRED) {
            return first.memberId();
        }
        throw new AssertionError("expected MEMBER_ID_REQUIRED, got " + first);
    }

    /** Two members (b static) at generation 2, leader a, each with its own assignment. */
    private JoinResult[] stableGroupOfTwo() {
        String a = memberId(null, "a");
        JoinResult a1 = join(a, null, "a").join();
        assertThat(coordinator.sync(GROUP, a1.generationId(), a, null, "consumer", "range",
            Map.of(a, bytes("all"))).join().error()).isEqualTo(Errors.NONE);
        CompletableFuture<JoinResult> bJoin = join("", "static-b", "b"); // static members get their id at once
        CompletableFuture<JoinResult> aJoin = join(a, null, "a");
        JoinResult a2 = aJoin.join();
        JoinResult b2 = bJoin.join();
        assertThat(a2.generationId()).isEqualTo(2);
        assertThat(a2.leader()).isEqualTo(a);
        CompletableFuture<SyncResult> bSync = coordinator.sync(GROUP, 2, b2.memberId(), "static-b", "consumer", "range",
            Map.of());
        SyncResult aSync = coordinator.sync(GROUP, 2, a, null, "consumer", "range",
            Map.of(a, bytes("p0"), b2.memberId(), bytes("p1"))).join();
        assertThat(aSync.assignment()).isEqualTo(bytes("p0"));
        assertThat(bSync.join().assignment()).isEqualTo(bytes("p1"));
        assertThat(coordinator.state(GROUP)).contains(GroupState.STABLE);
        return new JoinResult[] {a2, b2};
    }

    @Test
    void aStableGroupIsRestoredWithItsMembersAndMembersThatHeartbeatKeepTheirAssignment() throws Exception {
        open();
        JoinResult[] ab = stableGroupOfTwo();
        String a = ab[0].memberId();
        String b = ab[1].memberId();
        assertThat(offsets.commitOffsets(GROUP, 2, a, null, Map.of(TP, new CommittedOffset(5, -1, "", 0))))
            .containsEntry(TP, Errors.NONE);
        GroupCoordinator.GroupDescription before = coordinator.describeGroup(GROUP);

        restart();

        GroupCoordinator.GroupDescription after = coordinator.describeGroup(GROUP);
        assertThat(after.state()).isEqualTo(GroupState.STABLE);
        assertThat(after.protocolType()).isEqualTo("consumer");
        assertThat(after.protocolName()).isEqualTo("range");
        assertThat(after.members()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            GroupCoordinator.MemberDescription was = before.members().get(i);
            GroupCoordinator.MemberDescription is = after.members().get(i);
            assertThat(is.memberId()).isEqualTo(was.memberId());
            assertThat(is.groupInstanceId()).isEqualTo(was.groupInstanceId());
            assertThat(is.clientId()).isEqualTo(was.clientId());
            assertThat(is.clientHost()).isEqualTo(was.clientHost());
            assertThat(is.metadata()).isEqualTo(was.metadata());
            assertThat(is.assignment()).isEqualTo(was.assignment());
        }
        assertThat(after.members().get(1).groupInstanceId()).isEqualTo("static-b");
        assertThat(offsets.fetchOffsets(GROUP, null).get(TP).offset()).isEqualTo(5);

        // both heartbeat at the old generation: no rebalance, SyncGroup still hands out the same assignment
        assertThat(coordinator.heartbeat(GROUP, 2, a, null)).isEqualTo(Errors.NONE);
        assertThat(coordinator.heartbeat(GROUP, 2, b, "static-b")).isEqualTo(Errors.NONE);
        assertThat(coordinator.heartbeat(GROUP, 2, "impostor", "static-b")).isEqualTo(Errors.FENCED_INSTANCE_ID);
        assertThat(coordinator.sync(GROUP, 2, b, "static-b", "consumer", "range", Map.of()).join().assignment())
            .isEqualTo(bytes("p1"));
        assertThat(offsets.commitOffsets(GROUP, 2, a, null, Map.of(TP, new CommittedOffset(6, -1, "", 0))))
            .containsEntry(TP, Errors.NONE);
        // a joining member with unchanged protocols gets the current generation back, as before the restart
        JoinResult rejoin = join(b, "static-b", "b").join();
        assertThat(rejoin.error()).isEqualTo(Errors.NONE);
        assertThat(rejoin.generationId()).isEqualTo(2);
        assertThat(rejoin.leader()).isEqualTo(a);

        // b keeps heartbeating, a does not: a's session (counted from the load) expires and the group rebalances
        for (int t = 0; t < SESSION; t += SESSION / 4) {
            time.sleep(SESSION / 4);
            assertThat(coordinator.heartbeat(GROUP, 2, b, "static-b")).isEqualTo(Errors.NONE);
            coordinator.tick();
        }
        assertThat(coordinator.describeGroup(GROUP).members()).extracting(GroupCoordinator.MemberDescription::memberId)
            .containsExactly(b);
        assertThat(coordinator.state(GROUP)).contains(GroupState.PREPARING_REBALANCE);
        assertThat(coordinator.heartbeat(GROUP, 2, b, "static-b")).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    }

    @Test
    void membersThatNeverComeBackExpireAndTheEmptyGroupKeepsItsGenerationThenIsDeletedForGood() throws Exception {
        open();
        stableGroupOfTwo();
        restart();
        time.sleep(SESSION);
        coordinator.tick();
        assertThat(coordinator.state(GROUP)).contains(GroupState.EMPTY);

        restart(); // the Empty state was written too
        assertThat(coordinator.state(GROUP)).contains(GroupState.EMPTY);
        assertThat(coordinator.describeGroup(GROUP).protocolType()).isEqualTo("consumer");
        assertThat(coordinator.describeGroup(GROUP).members()).isEmpty();
        JoinResult next = join(memberId(null, "c"), null, "c").join();
        assertThat(next.generationId()).isEqualTo(4); // 2 (restored) → 3 (Empty) → 4
        coordinator.leave(GROUP, List.of(new GroupCoordinator.LeavingMember(next.memberId(), null)));

        assertThat(offsets.deleteGroup(GROUP)).isEqualTo(Errors.NONE);
        restart();
        assertThat(coordinator.state(GROUP)).isEmpty();
        assertThat(coordinator.listGroups()).isEmpty();
    }

    @Test
    void anEmptyGroupWithoutOffsetsIsForgottenByTheRetentionCheckAndStaysGone() throws Exception {
        open();
        String a = memberId(null, "a");
        JoinResult a1 = join(a, null, "a").join();
        coordinator.sync(GROUP, a1.generationId(), a, null, "consumer", "range", Map.of(a, bytes("x"))).join();
        coordinator.leave(GROUP, List.of(new GroupCoordinator.LeavingMember(a, null)));
        restart();
        assertThat(coordinator.state(GROUP)).contains(GroupState.EMPTY);
        assertThat(offsets.expireOffsets()).isZero();
        assertThat(coordinator.state(GROUP)).isEmpty();
        restart();
        assertThat(coordinator.state(GROUP)).isEmpty();
    }
}
