package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.Errors;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The classic group state machine and offset commit checks on a mock clock ({@link GroupCoordinator#tick()} is called by hand). */
class GroupCoordinatorTest {
    private static final int SESSION = 10_000;
    private static final int REBALANCE = 30_000;
    private static final String GROUP = "g";
    private static final TopicPartition TP = new TopicPartition("t", 0);

    private final MockTime time = new MockTime();
    private GroupCoordinator coordinator = new GroupCoordinator(GroupConfig.defaults().withInitialRebalanceDelayMs(0),
        time);
    private final OffsetManager offsets = new OffsetManager(coordinator, GroupConfig.defaults(), time,
        OffsetStore.NONE);

    private static List<JoinProtocol> protocols(String... names) {
        return java.util.Arrays.stream(names)
            .map(n -> new JoinProtocol(n, ("meta-" + n).getBytes(StandardCharsets.UTF_8))).toList();
    }

    private CompletableFuture<JoinResult> join(String memberId, String instanceId, List<JoinProtocol> protocols) {
        return coordinator.join(new GroupCoordinator.JoinRequest(GROUP, memberId, instanceId, "client", "/127.0.0.1",
            SESSION, REBALANCE, "consumer", protocols, true));
    }

    private CompletableFuture<JoinResult> join(String memberId) {
        return join(memberId, null, protocols("range", "cooperative-sticky"));
    }

    /** MEMBER_ID_REQUIRED, then the real join; returns the (completed or pending) second join. */
    private CompletableFuture<JoinResult> newMember() {
        JoinResult first = join("").join();
        assertThat(first.error()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        return join(first.memberId());
    }

    private SyncResult syncLeader(JoinResult r, Map<String, byte[]> assignments) {
        return coordinator.sync(GROUP, r.generationId(), r.memberId(), null, "consumer", r.protocolName(), assignments)
            .join();
    }

    private Map<TopicPartition, Errors> commit(int generation, String memberId, long offset) {
        return offsets.commitOffsets(GROUP, generation, memberId, null,
            Map.of(TP, new CommittedOffset(offset, -1, "", time.milliseconds())));
    }

    @Test
    void newMemberMustRejoinWithTheIdItWasGiven() {
        JoinResult first = join("").join();
        assertThat(first.error()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        assertThat(first.memberId()).startsWith("client-").hasSizeGreaterThan("client-".length() + 30);
        assertThat(coordinator.state(GROUP)).contains(GroupState.EMPTY);

        JoinResult joined = join(first.memberId()).join();
        assertThat(joined.error()).isEqualTo(Errors.NONE);
        assertThat(joined.memberId()).isEqualTo(first.memberId());
        assertThat(joined.leader()).isEqualTo(first.memberId());
        assertThat(joined.generationId()).isEqualTo(1);
        assertThat(joined.protocolType()).isEqualTo("consumer");
        assertThat(joined.protocolName()).isEqualTo("range");
        assertThat(joined.members()).singleElement().satisfies(m -> {
            assertThat(m.memberId()).isEqualTo(first.memberId());
            assertThat(new String(m.metadata(), StandardCharsets.UTF_8)).isEqualTo("meta-range");
        });
        assertThat(coordinator.state(GROUP)).contains(GroupState.COMPLETING_REBALANCE);

        SyncResult sync = syncLeader(joined, Map.of(first.memberId(), new byte[] {1, 2, 3}));
        assertThat(sync.error()).isEqualTo(Errors.NONE);
        assertThat(sync.assignment()).containsExactly(1, 2, 3);
        assertThat(coordinator.state(GROUP)).contains(GroupState.STABLE);
    }

    @Test
    void unknownMemberIdIsRefused() {
        assertThat(join("nobody").join().error()).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        newMember().join();
        assertThat(join("nobody").join().error()).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void aRejoinThatNeverComesFreesTheReservedMemberId() {
        JoinResult first = join("").join();
        time.sleep(SESSION);
        coordinator.tick();
        assertThat(join(first.memberId()).join().error()).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void sessionTimeoutOutsideTheBrokerRangeIsRefused() {
        for (int session : new int[] {5_999, 1_800_001}) {
            JoinResult r = coordinator.join(new GroupCoordinator.JoinRequest(GROUP, "", null, "c", "", session,
                REBALANCE, "consumer", protocols("range"), true)).join();
            assertThat(r.error()).isEqualTo(Errors.INVALID_SESSION_TIMEOUT);
        }
    }

    @Test
    void membersMustShareTheProtocolTypeAndOneProtocol() {
        newMember().join();
        JoinResult other = coordinator.join(new GroupCoordinator.JoinRequest(GROUP, "", null, "c", "", SESSION,
            REBALANCE, "connect", protocols("range"), true)).join();
        assertThat(other.error()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
        assertThat(join("", null, protocols("roundrobin")).join().error())
            .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
    }

    @Test
    void aNewEmptyGroupWaitsTheInitialRebalanceDelay() {
        coordinator = new GroupCoordinator(GroupConfig.defaults(), time);
        CompletableFuture<JoinResult> pending = newMember();
        coordinator.tick();
        assertThat(pending).isNotDone();
        time.sleep(2_999);
        coordinator.tick();
        assertThat(pending).isNotDone();
        time.sleep(1);
        coordinator.tick();
        assertThat(pending.join().error()).isEqualTo(Errors.NONE);
        assertThat(pending.join().generationId()).isEqualTo(1);
    }

    /** Two members through a full rebalance; returns {leader join, follower join} at generation 2, Stable. */
    private JoinResult[] twoStableMembers() {
        JoinResult a = newMember().join();
        syncLeader(a, Map.of(a.memberId(), new byte[] {1}));
        CompletableFuture<JoinResult> bJoin = newMember();
        assertThat(bJoin).isNotDone();
        assertThat(coordinator.state(GROUP)).contains(GroupState.PREPARING_REBALANCE);
        assertThat(coordinator.heartbeat(GROUP, a.generationId(), a.memberId(), null))
            .isEqualTo(Errors.REBALANCE_IN_PROGRESS);
        JoinResult a2 = join(a.memberId()).join();
        JoinResult b2 = bJoin.join();
        assertThat(a2.generationId()).isEqualTo(2).isEqualTo(b2.generationId());
        assertThat(a2.leader()).isEqualTo(a.memberId()).isEqualTo(b2.leader());
        assertThat(a2.members()).extracting(JoinResult.MemberInfo::memberId)
            .containsExactly(a.memberId(), b2.memberId());
        assertThat(b2.members()).isEmpty();

        CompletableFuture<SyncResult> followerSync = coordinator.sync(GROUP, 2, b2.memberId(), null, null, null,
            Map.of());
        assertThat(followerSync).isNotDone();
        SyncResult leaderSync = syncLeader(a2, Map.of(a.memberId(), new byte[] {10}, b2.memberId(), new byte[] {20}));
        assertThat(leaderSync.assignment()).containsExactly(10);
        assertThat(followerSync.join().error()).isEqualTo(Errors.NONE);
        assertThat(followerSync.join().assignment()).containsExactly(20);
        assertThat(coordinator.state(GROUP)).contains(GroupState.STABLE);
        return new JoinResult[] {a2, b2};
    }

    @Test
    void aSecondMemberTriggersARebalanceAndEachGetsItsOwnAssignment() {
        twoStableMembers();
        GroupCoordinator.GroupDescription d = coordinator.describeGroup(GROUP);
        assertThat(d.state()).isEqualTo(GroupState.STABLE);
        assertThat(d.protocolName()).isEqualTo("range");
        assertThat(d.members()).extracting(m -> m.assignment()[0]).containsExactly((byte) 10, (byte) 20);
    }

    @Test
    void heartbeatErrors() {
        assertThat(coordinator.heartbeat("unknown", 0, "m", null)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(commit(-1, "", 5)).containsEntry(TP, Errors.NONE);
        assertThat(coordinator.heartbeat(GROUP, 0, "m", null)).isEqualTo(Errors.UNKNOWN_MEMBER_ID); // Empty

        JoinResult[] ab = twoStableMembers();
        JoinResult a = ab[0];
        assertThat(coordinator.heartbeat(GROUP, a.generationId(), a.memberId(), null)).isEqualTo(Errors.NONE);
        assertThat(coordinator.heartbeat(GROUP, a.generationId(), "stranger", null))
            .isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.heartbeat(GROUP, a.generationId() - 1, a.memberId(), null))
            .isEqualTo(Errors.ILLEGAL_GENERATION);

        newMember(); // a third member starts a rebalance
        assertThat(coordinator.heartbeat(GROUP, a.generationId(), a.memberId(), null))
            .isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    }

    @Test
    void anExpiredSessionRemovesTheMemberAndRebalances() {
        JoinResult[] ab = twoStableMembers();
        JoinResult a = ab[0];
        JoinResult b = ab[1];
        time.sleep(SESSION - 1);
        assertThat(coordinator.heartbeat(GROUP, a.generationId(), a.memberId(), null)).isEqualTo(Errors.NONE);
        coordinator.tick();
        assertThat(coordinator.state(GROUP)).contains(GroupState.STABLE);
        time.sleep(1); // b's session ends; a heartbeated one ms ago
        coordinator.tick();
        assertThat(coordinator.state(GROUP)).contains(GroupState.PREPARING_REBALANCE);
        assertThat(coordinator.heartbeat(GROUP, b.generationId(), b.memberId(), null))
            .isEqualTo(Errors.REBALANCE_IN_PROGRESS);
        JoinResult a3 = join(a.memberId()).join();
        assertThat(a3.generationId()).isEqualTo(3);
        assertThat(a3.members()).extracting(JoinResult.MemberInfo::memberId).containsExactly(a.memberId());
        assertThat(coordinator.heartbeat(GROUP, 3, b.memberId(), null)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void membersThatDoNotRejoinWithinTheRebalanceTimeoutAreRemoved() {
        JoinResult[] ab = twoStableMembers();
        JoinResult b = ab[1];
        JoinResult a = ab[0];
        // b rejoins with other metadata, which starts a rebalance; a stays alive but never rejoins
        CompletableFuture<JoinResult> bRejoin = join(b.memberId(), null, protocols("range"));
        assertThat(coordinator.state(GROUP)).contains(GroupState.PREPARING_REBALANCE);
        for (int i = 0; i < 5; i++) {
            time.sleep(5_000);
            assertThat(coordinator.heartbeat(GROUP, a.generationId(), a.memberId(), null))
                .isEqualTo(Errors.REBALANCE_IN_PROGRESS);
            coordinator.tick();
            assertThat(bRejoin).isNotDone();
        }
        time.sleep(4_999);
        coordinator.tick();
        assertThat(bRejoin).isNotDone();
        time.sleep(1); // the rebalance timeout (30 s) is over
        coordinator.tick();
        JoinResult r = bRejoin.join();
        assertThat(r.error()).isEqualTo(Errors.NONE);
        assertThat(r.generationId()).isEqualTo(3);
        assertThat(r.leader()).isEqualTo(b.memberId());
        assertThat(r.members()).extracting(JoinResult.MemberInfo::memberId).containsExactly(b.memberId());
    }

    @Test
    void aLeaderThatNeverSyncsIsRemovedAfterTheRebalanceTimeout() {
        JoinResult a = newMember().join();
        syncLeader(a, Map.of());
        CompletableFuture<JoinResult> bJoin = newMember();
        JoinResult a2 = join(a.memberId()).join();
        JoinResult b2 = bJoin.join();
        CompletableFuture<SyncResult> followerSync = coordinator.sync(GROUP, b2.generationId(), b2.memberId(), null,
            null, null, Map.of());
        time.sleep(REBALANCE - 1);
        assertThat(coordinator.heartbeat(GROUP, a2.generationId(), a2.memberId(), null)).isEqualTo(Errors.NONE);
        coordinator.tick();
        assertThat(followerSync).isNotDone(); // b waits in SyncGroup: its session does not run out meanwhile
        time.sleep(1);
        coordinator.tick();
        assertThat(followerSync.join().error()).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
        assertThat(coordinator.state(GROUP)).contains(GroupState.PREPARING_REBALANCE);
        time.sleep(SESSION - 1); // b gets a whole session to rejoin after its SyncGroup failed
        coordinator.tick();
        JoinResult b3 = join(b2.memberId()).join();
        assertThat(b3.leader()).isEqualTo(b2.memberId());
        assertThat(b3.members()).extracting(JoinResult.MemberInfo::memberId).containsExactly(b2.memberId());
    }

    @Test
    void leaveGroupRemovesMembersAndRebalances() {
        JoinResult[] ab = twoStableMembers();
        GroupCoordinator.LeaveResult left = coordinator.leave(GROUP, List.of(
            new GroupCoordinator.LeavingMember(ab[1].memberId(), null),
            new GroupCoordinator.LeavingMember("stranger", null)));
        assertThat(left.memberErrors()).containsExactly(Errors.NONE, Errors.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.state(GROUP)).contains(GroupState.PREPARING_REBALANCE);
        JoinResult a = join(ab[0].memberId()).join();
        assertThat(a.generationId()).isEqualTo(3);
        assertThat(a.members()).hasSize(1);

        coordinator.leave(GROUP, List.of(new GroupCoordinator.LeavingMember(a.memberId(), null)));
        assertThat(coordinator.state(GROUP)).contains(GroupState.EMPTY);
    }

    @Test
    void aStaticMemberThatRejoinsReplacesItsOldMemberId() {
        JoinResult first = join("", "instance-1", protocols("range")).join();
        assertThat(first.error()).isEqualTo(Errors.NONE);
        assertThat(first.memberId()).startsWith("instance-1-");
        syncLeader(first, Map.of());

        JoinResult again = join("", "instance-1", protocols("range")).join();
        assertThat(again.error()).isEqualTo(Errors.NONE);
        assertThat(again.memberId()).isNotEqualTo(first.memberId());
        assertThat(again.generationId()).isEqualTo(2);
        assertThat(coordinator.heartbeat(GROUP, 2, first.memberId(), "instance-1"))
            .isEqualTo(Errors.FENCED_INSTANCE_ID);
        assertThat(coordinator.describeGroup(GROUP).members()).singleElement()
            .satisfies(m -> assertThat(m.memberId()).isEqualTo(again.memberId()));
    }

    @Test
    void staticMembersLeaveByInstanceIdAndImpostorsAreFenced() {
        JoinResult a = join("", "instance-a", protocols("range")).join();
        syncLeader(a, Map.of());
        GroupCoordinator.LeaveResult fenced = coordinator.leave(GROUP, List.of(
            new GroupCoordinator.LeavingMember("someone-else", "instance-a")));
        assertThat(fenced.memberErrors()).containsExactly(Errors.FENCED_INSTANCE_ID);
        assertThat(coordinator.state(GROUP)).contains(GroupState.STABLE);

        GroupCoordinator.LeaveResult left = coordinator.leave(GROUP, List.of(
            new GroupCoordinator.LeavingMember("", "instance-a"), new GroupCoordinator.LeavingMember("", "instance-b")));
        assertThat(left.memberErrors()).containsExactly(Errors.NONE, Errors.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.state(GROUP)).contains(GroupState.EMPTY);
        assertThat(coordinator.describeGroup(GROUP).members()).isEmpty();
    }

    @Test
    void commitsFromUnknownMembersOrStaleGenerationsAreRefusedAndChangeNothing() {
        JoinResult a = newMember().join();
        assertThat(commit(a.generationId(), a.memberId(), 7)).containsEntry(TP, Errors.REBALANCE_IN_PROGRESS);
        syncLeader(a, Map.of());
        assertThat(commit(a.generationId(), a.memberId(), 7)).containsEntry(TP, Errors.NONE);

        assertThat(commit(a.generationId(), "stranger", 100)).containsEntry(TP, Errors.UNKNOWN_MEMBER_ID);
        assertThat(commit(a.generationId() + 1, a.memberId(), 100)).containsEntry(TP, Errors.ILLEGAL_GENERATION);
        assertThat(commit(-1, "", 100)).containsEntry(TP, Errors.UNKNOWN_MEMBER_ID); // the group is not Empty
        assertThat(offsets.fetchOffsets(GROUP, List.of(TP)).get(TP).offset()).isEqualTo(7);
    }

    @Test
    void simpleCommitsNeedAnEmptyOrUnknownGroupAndMetadataIsLimited() {
        assertThat(offsets.commitOffsets("other", 3, "m", null, Map.of(TP, new CommittedOffset(1, -1, "", 0))))
            .containsEntry(TP, Errors.ILLEGAL_GENERATION);
        assertThat(offsets.fetchOffsets("other", null)).isEmpty();

        assertThat(commit(-1, "", 42)).containsEntry(TP, Errors.NONE);
        assertThat(offsets.fetchOffsets(GROUP, null)).containsOnlyKeys(TP);
        assertThat(coordinator.state(GROUP)).contains(GroupState.EMPTY);

        String big = "x".repeat(4097);
        assertThat(offsets.commitOffsets(GROUP, -1, "", null, Map.of(TP, new CommittedOffset(50, -1, big, 0))))
            .containsEntry(TP, Errors.OFFSET_METADATA_TOO_LARGE);
        assertThat(offsets.fetchOffsets(GROUP, List.of(TP)).get(TP).offset()).isEqualTo(42);
    }

    @Test
    void onlyEmptyGroupsCanBeDeleted() {
        JoinResult a = newMember().join();
        assertThat(offsets.deleteGroup(GROUP)).isEqualTo(Errors.NON_EMPTY_GROUP);
        coordinator.leave(GROUP, List.of(new GroupCoordinator.LeavingMember(a.memberId(), null)));
        assertThat(offsets.deleteGroup(GROUP)).isEqualTo(Errors.NONE);
        assertThat(coordinator.state(GROUP)).isEmpty();
        assertThat(offsets.deleteGroup(GROUP)).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
    }
}
