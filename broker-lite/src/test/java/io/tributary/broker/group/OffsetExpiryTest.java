package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.Errors;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.log.LogStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** offsets.retention.minutes: offsets of Empty groups expire on a mock clock and stay gone after a reload. */
class OffsetExpiryTest {
    private static final long RETENTION = 60_000;
    private static final int SESSION = 10_000;
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    private final MockTime time = new MockTime();
    private final GroupConfig config = GroupConfig.defaults().withInitialRebalanceDelayMs(0)
        .withOffsetsRetentionMs(RETENTION);
    private final RecordingStore store = new RecordingStore();
    private GroupCoordinator coordinator = new GroupCoordinator(config, time, store);
    private OffsetManager offsets = new OffsetManager(coordinator, config, time, store);

    /** Keeps every write in order and replays them, like the compacted topic before cleaning. */
    private static final class RecordingStore implements OffsetStore {
        /** An offset write (tp set) or a group state write (tp null). */
        record Write(String group, TopicPartition tp, CommittedOffset offset, GroupSnapshot state) {
        }

        final List<Write> writes = new ArrayList<>();

        @Override
        public synchronized void write(String groupId, Map<TopicPartition, CommittedOffset> offsets) {
            offsets.forEach((tp, o) -> writes.add(new Write(groupId, tp, o, null)));
        }

        @Override
        public synchronized void writeGroup(String groupId, GroupSnapshot state) {
            writes.add(new Write(groupId, null, null, state));
        }

        @Override
        public synchronized void load(Loader loader) {
            for (Write w : writes) {
                if (w.tp() == null) {
                    loader.acceptGroup(w.group(), w.state());
                } else {
                    loader.accept(w.group(), w.tp(), w.offset());
                }
            }
        }
    }

    private Map<TopicPartition, Errors> simpleCommit(String group, TopicPartition tp, long offset) {
        return offsets.commitOffsets(group, -1, "", null,
            Map.of(tp, new CommittedOffset(offset, -1, null, time.milliseconds())));
    }

    private void restart() {
        coordinator = new GroupCoordinator(config, time, store);
        offsets = new OffsetManager(coordinator, config, time, store);
        offsets.load();
    }

    /** One member joins and syncs; returns its join result (generation, member id). */
    private JoinResult stableMember(String group) {
        JoinResult first = coordinator.join(request(group, "")).join();
        assertThat(first.error()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        JoinResult joined = coordinator.join(request(group, first.memberId())).join();
        assertThat(joined.error()).isEqualTo(Errors.NONE);
        SyncResult sync = coordinator.sync(group, joined.generationId(), joined.memberId(), null, "consumer",
            joined.protocolName(), Map.of(joined.memberId(), new byte[] {1})).join();
        assertThat(sync.error()).isEqualTo(Errors.NONE);
        return joined;
    }

    private static GroupCoordinator.JoinRequest request(String group, String memberId) {
        return new GroupCoordinator.JoinRequest(group, memberId, null, "client", "/127.0.0.1", SESSION, 30_000,
            "consumer", List.of(new JoinProtocol("range", "m".getBytes(StandardCharsets.UTF_8))), true);
    }

    @TempDir
    Path dir;

    /** The real __consumer_offsets store: the expired offsets stay gone after the logs are reopened. */
    @Test
    void expiredOffsetsAreTombstonedInTheOffsetsTopic() throws Exception {
        TopicRegistry topics = TopicRegistry.open(dir, BrokerConfig.from(Map.of("log.dirs", dir.toString())).topicDefaults());
        LogStore logs = LogStore.open(List.of(dir), time, LogStore.Options.manual(), topics::logConfig);
        try {
            GroupCoordinator c = new GroupCoordinator(config, time);
            OffsetManager m = new OffsetManager(c, config, time, new OffsetsTopicStore(topics, logs, time, 3));
            m.commitOffsets("gone", -1, "", null, Map.of(TP0, new CommittedOffset(4, -1, null, time.milliseconds())));
            m.commitOffsets("kept", -1, "", null, Map.of(TP0, new CommittedOffset(8, -1, null, time.milliseconds())));
            time.sleep(RETENTION / 2);
            m.commitOffsets("kept", -1, "", null, Map.of(TP0, new CommittedOffset(9, -1, null, time.milliseconds())));
            time.sleep(RETENTION / 2);
            assertThat(m.expireOffsets()).isEqualTo(1);
        } finally {
            logs.close();
        }
        topics = TopicRegistry.open(dir, BrokerConfig.from(Map.of("log.dirs", dir.toString())).topicDefaults());
        logs = LogStore.open(List.of(dir), time, LogStore.Options.manual(), topics::logConfig);
        try {
            GroupCoordinator c = new GroupCoordinator(config, time);
            OffsetManager m = new OffsetManager(c, config, time, new OffsetsTopicStore(topics, logs, time, 3));
            m.load();
            assertThat(m.fetchOffsets("gone", null)).isEmpty();
            assertThat(c.state("gone")).isEmpty();
            assertThat(m.fetchOffsets("kept", null)).containsOnlyKeys(TP0);
            assertThat(m.fetchOffsets("kept", null).get(TP0).offset()).isEqualTo(9);
        } finally {
            logs.close();
        }
    }

    @Test
    void offsetsOfAGroupThatNeverHadMembersExpireByCommitTime() {
        assertThat(simpleCommit("simple", TP0, 5)).containsEntry(TP0, Errors.NONE);
        time.sleep(10_000);
        assertThat(simpleCommit("simple", TP1, 7)).containsEntry(TP1, Errors.NONE);

        time.sleep(RETENTION - 10_001);
        assertThat(offsets.expireOffsets()).isZero();
        assertThat(offsets.fetchOffsets("simple", null)).containsOnlyKeys(TP0, TP1);

        time.sleep(1);
        assertThat(offsets.expireOffsets()).isEqualTo(1);
        assertThat(offsets.fetchOffsets("simple", null)).containsOnlyKeys(TP1);
        assertThat(coordinator.state("simple")).contains(GroupState.EMPTY);

        time.sleep(10_000);
        assertThat(offsets.expireOffsets()).isEqualTo(1);
        assertThat(offsets.fetchOffsets("simple", null)).isEmpty();
        assertThat(coordinator.state("simple")).isEmpty();
        assertThat(coordinator.listGroups()).isEmpty();
        assertThat(store.writes).filteredOn(w -> w.tp() != null && w.offset() == null).extracting(RecordingStore.Write::tp)
            .containsExactly(TP0, TP1);

        restart();
        assertThat(offsets.fetchOffsets("simple", null)).isEmpty();
        assertThat(coordinator.state("simple")).isEmpty();
    }

    @Test
    void offsetsOfAGroupWithMembersAreKeptUntilRetentionAfterItBecameEmpty() {
        JoinResult m = stableMember("active");
        assertThat(offsets.commitOffsets("active", m.generationId(), m.memberId(), null,
            Map.of(TP0, new CommittedOffset(3, -1, "", time.milliseconds())))).containsEntry(TP0, Errors.NONE);
        // the member stays (heartbeating) for twice the retention: nothing expires while the group is Stable
        for (long t = 0; t < 2 * RETENTION; t += SESSION / 2) {
            time.sleep(SESSION / 2);
            assertThat(coordinator.heartbeat("active", m.generationId(), m.memberId(), null)).isEqualTo(Errors.NONE);
            coordinator.tick();
            assertThat(offsets.expireOffsets()).isZero();
        }
        assertThat(coordinator.state("active")).contains(GroupState.STABLE);

        coordinator.leave("active", List.of(new GroupCoordinator.LeavingMember(m.memberId(), null)));
        assertThat(coordinator.state("active")).contains(GroupState.EMPTY);
        time.sleep(RETENTION - 1);
        assertThat(offsets.expireOffsets()).isZero();
        assertThat(offsets.fetchOffsets("active", null)).containsOnlyKeys(TP0);

        time.sleep(1);
        assertThat(offsets.expireOffsets()).isEqualTo(1);
        assertThat(offsets.fetchOffsets("active", null)).isEmpty();
        assertThat(coordinator.state("active")).isEmpty();
        restart();
        assertThat(offsets.fetchOffsets("active", null)).isEmpty();
    }

    @Test
    void aMemberWhoseSessionExpiresStartsTheRetentionClock() {
        JoinResult m = stableMember("lapsed");
        offsets.commitOffsets("lapsed", m.generationId(), m.memberId(), null,
            Map.of(TP0, new CommittedOffset(3, -1, "", time.milliseconds())));
        time.sleep(SESSION);
        coordinator.tick(); // session expired: the group is Empty from now
        assertThat(coordinator.state("lapsed")).contains(GroupState.EMPTY);
        time.sleep(RETENTION - 1);
        assertThat(offsets.expireOffsets()).isZero();
        time.sleep(1);
        assertThat(offsets.expireOffsets()).isEqualTo(1);
    }

    @Test
    void aCommitToAnEmptyGroupAfterItEmptiedCountsFromTheCommit() {
        JoinResult m = stableMember("reset");
        coordinator.leave("reset", List.of(new GroupCoordinator.LeavingMember(m.memberId(), null)));
        time.sleep(RETENTION / 2);
        simpleCommit("reset", TP0, 9); // e.g. kafka-consumer-groups --reset-offsets
        time.sleep(RETENTION / 2);
        assertThat(offsets.expireOffsets()).isZero();
        time.sleep(RETENTION / 2);
        assertThat(offsets.expireOffsets()).isEqualTo(1);
    }

    @Test
    void afterARestartRetentionStillCountsFromTheCommitOrFromWhenTheGroupBecameEmpty() {
        simpleCommit("simple", TP0, 1);
        JoinResult m = stableMember("was-active");
        offsets.commitOffsets("was-active", m.generationId(), m.memberId(), null,
            Map.of(TP0, new CommittedOffset(3, -1, "", time.milliseconds())));
        time.sleep(1_000);
        coordinator.leave("was-active", List.of(new GroupCoordinator.LeavingMember(m.memberId(), null)));
        time.sleep(RETENTION - 2_000);
        restart();
        assertThat(coordinator.state("was-active")).contains(GroupState.EMPTY);
        time.sleep(1_000);
        assertThat(offsets.expireOffsets()).isEqualTo(1); // the simple group's, by its commit time
        assertThat(offsets.fetchOffsets("simple", null)).isEmpty();
        assertThat(offsets.fetchOffsets("was-active", null)).containsOnlyKeys(TP0);
        time.sleep(999);
        assertThat(offsets.expireOffsets()).isZero();
        time.sleep(1);
        assertThat(offsets.expireOffsets()).isEqualTo(1);
        assertThat(coordinator.state("was-active")).isEmpty();
        restart();
        assertThat(offsets.fetchOffsets("simple", null)).isEmpty();
        assertThat(offsets.fetchOffsets("was-active", null)).isEmpty();
        assertThat(coordinator.state("was-active")).isEmpty();
    }

    @Test
    void aGroupThatRejoinsKeepsItsOffsetsAndAFailedWriteKeepsThemForTheNextCheck() {
        simpleCommit("g", TP0, 1);
        time.sleep(RETENTION);
        JoinResult m = stableMember("g"); // members again: not Empty, nothing expires
        assertThat(offsets.expireOffsets()).isZero();
        coordinator.leave("g", List.of(new GroupCoordinator.LeavingMember(m.memberId(), null)));
        time.sleep(RETENTION);

        OffsetManager failing = new OffsetManager(coordinator, config, time, new OffsetStore() {
            @Override
            public void write(String groupId, Map<TopicPartition, CommittedOffset> o) {
                throw new io.tributary.common.TributaryException(Errors.KAFKA_STORAGE_ERROR, "disk");
            }

            @Override
            public void load(Loader loader) {
            }
        });
        assertThat(failing.expireOffsets()).isZero();
        assertThat(offsets.fetchOffsets("g", null)).containsOnlyKeys(TP0);
        assertThat(offsets.expireOffsets()).isEqualTo(1);
        Map<TopicPartition, CommittedOffset> none = new HashMap<>(offsets.fetchOffsets("g", null));
        assertThat(none).isEmpty();
    }
}
