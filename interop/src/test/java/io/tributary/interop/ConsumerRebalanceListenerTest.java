package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.consumer.ConsumerRebalanceListener;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rebalance listener hears of the right partitions: eager revokes everything then assigns; cooperative revokes
 * only what moves. Offsets committed from onPartitionsRevoked stick (the member is still in its generation).
 */
@Tag("interop")
class ConsumerRebalanceListenerTest {

    /** Records listener calls as "revoked [..]" / "assigned [..]" / "lost [..]"; commits in onPartitionsRevoked. */
    private static final class Recorder implements ConsumerRebalanceListener {
        final List<String> events = new ArrayList<>();
        final List<RuntimeException> commitFailures = new ArrayList<>();
        TributaryConsumer<String, String> consumer;

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            events.add("revoked " + partitionsOf(partitions));
            if (!partitions.isEmpty()) {
                try {
                    consumer.commitSync();
                } catch (RuntimeException e) {
                    commitFailures.add(e);
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            events.add("assigned " + partitionsOf(partitions));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            events.add("lost " + partitionsOf(partitions));
        }

        List<String> nonEmpty() {
            return events.stream().filter(e -> !e.endsWith("[]")).toList();
        }
    }

    static Set<Integer> partitionsOf(Collection<TopicPartition> partitions) {
        Set<Integer> out = new TreeSet<>();
        partitions.forEach(tp -> out.add(tp.partition()));
        return out;
    }

    private static void pollBoth(TributaryConsumer<String, String> a, TributaryConsumer<String, String> b,
                                 BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!done.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("rebalance did not settle").isLessThan(deadline);
            a.poll(Duration.ofMillis(20));
            if (b != null) {
                b.poll(Duration.ofMillis(20));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void eagerRevokesEverythingThenAssigns(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("eager");
        String group = Clusters.uniqueName("eager-group");
        ConsumerFixtures.createTopic(cluster, topic, 4);
        ConsumerFixtures.produce(cluster, topic, 0, 40);
        Map<String, Object> range = Map.of("partition.assignment.strategy", "range");
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        try (var a = ConsumerFixtures.ours(cluster, group, range);
             var b = ConsumerFixtures.ours(cluster, group, range)) {
            ra.consumer = a;
            rb.consumer = b;
            a.subscribe(List.of(topic), ra);
            pollBoth(a, null, () -> a.assignment().size() == 4);
            assertThat(ra.nonEmpty()).containsExactly("assigned [0, 1, 2, 3]");
            List<TopicPartition> all = new ArrayList<>(a.assignment());
            pollBoth(a, null, () -> all.stream().mapToLong(a::position).sum() == 40);

            b.subscribe(List.of(topic), rb);
            pollBoth(a, b, () -> a.assignment().size() == 2 && b.assignment().size() == 2);
            Set<Integer> kept = partitionsOf(a.assignment());
            assertThat(ra.nonEmpty()).containsExactly("assigned [0, 1, 2, 3]", "revoked [0, 1, 2, 3]",
                "assigned " + kept);
            assertThat(rb.nonEmpty()).containsExactly("assigned " + partitionsOf(b.assignment()));
            assertThat(ra.commitFailures).as("commitSync in onPartitionsRevoked").isEmpty();
            // a's commit in onPartitionsRevoked covered every record: b starts where a stopped
            long committed = a.committed(new HashSet<>(all)).values().stream()
                .mapToLong(o -> o == null ? 0 : o.offset()).sum();
            assertThat(committed).isEqualTo(40);
            assertThat(b.poll(Duration.ofMillis(300))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void cooperativeRevokesOnlyWhatMoves(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("coop");
        String group = Clusters.uniqueName("coop-group");
        ConsumerFixtures.createTopic(cluster, topic, 4);
        Map<String, Object> coop = Map.of("partition.assignment.strategy", "cooperative-sticky");
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        try (var a = ConsumerFixtures.ours(cluster, group, coop);
             var b = ConsumerFixtures.ours(cluster, group, coop)) {
            ra.consumer = a;
            rb.consumer = b;
            a.subscribe(List.of(topic), ra);
            pollBoth(a, null, () -> a.assignment().size() == 4);
            assertThat(ra.nonEmpty()).containsExactly("assigned [0, 1, 2, 3]");

            b.subscribe(List.of(topic), rb);
            pollBoth(a, b, () -> a.assignment().size() == 2 && b.assignment().size() == 2);
            Set<Integer> moved = partitionsOf(b.assignment());
            // a gives up only the two partitions b gets; it never revokes what it keeps, nor gets anything new
            assertThat(ra.nonEmpty()).containsExactly("assigned [0, 1, 2, 3]", "revoked " + moved);
            assertThat(rb.nonEmpty()).containsExactly("assigned " + moved);
            assertThat(ra.commitFailures).isEmpty();
            assertThat(ra.events).doesNotContain("lost " + moved);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void unsubscribeRevokesAndLeavesAndSubscribingAgainRejoins(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("unsub");
        String group = Clusters.uniqueName("unsub-group");
        ConsumerFixtures.createTopic(cluster, topic, 4);
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        try (var a = ConsumerFixtures.ours(cluster, group, Map.of());
             var b = ConsumerFixtures.ours(cluster, group, Map.of())) {
            ra.consumer = a;
            rb.consumer = b;
            a.subscribe(List.of(topic), ra);
            b.subscribe(List.of(topic), rb);
            pollBoth(a, b, () -> a.assignment().size() == 2 && b.assignment().size() == 2);
            Set<Integer> bHad = partitionsOf(b.assignment());
            rb.events.clear();
            b.unsubscribe();
            assertThat(rb.nonEmpty()).containsExactly("revoked " + bHad);
            assertThat(b.assignment()).isEmpty();
            assertThat(b.subscription()).isEmpty();
            pollBoth(a, null, () -> a.assignment().size() == 4); // b left the group: no session timeout to wait
            b.subscribe(List.of(topic), rb);
            pollBoth(a, b, () -> a.assignment().size() == 2 && b.assignment().size() == 2);
            b.unsubscribe();
            TopicPartition p0 = new TopicPartition(topic, 0);
            b.assign(List.of(p0)); // manual assignment after leaving the group
            assertThat(b.assignment()).containsExactly(p0);
            assertThat(rb.commitFailures).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void aCommitDuringARebalanceFailsWithRebalanceInProgress(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("midjoin");
        String group = Clusters.uniqueName("midjoin-group");
        ConsumerFixtures.createTopic(cluster, topic, 2);
        Map<String, Object> range = Map.of("partition.assignment.strategy", "range");
        try (var a = ConsumerFixtures.ours(cluster, group, range);
             var b = ConsumerFixtures.ours(cluster, group, range)) {
            a.subscribe(List.of(topic));
            pollBoth(a, null, () -> a.assignment().size() == 2);
            b.subscribe(List.of(topic));
            b.poll(Duration.ofMillis(50)); // b's JoinGroup makes the group rebalance
            // a hears of it by heartbeat; its next poll revokes everything (eager) and starts its own join
            long deadline = System.currentTimeMillis() + 10_000;
            while (!a.assignment().isEmpty()) {
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                a.poll(Duration.ZERO);
            }
            TopicPartition p0 = new TopicPartition(topic, 0);
            assertThatThrownBy(() -> a.commitSync(Map.of(p0, new io.tributary.clients.consumer.OffsetAndMetadata(1))))
                .isInstanceOfSatisfying(io.tributary.common.TributaryException.class,
                    e -> assertThat(e.error()).isEqualTo(io.tributary.common.Errors.REBALANCE_IN_PROGRESS));
            pollBoth(a, b, () -> a.assignment().size() == 1 && b.assignment().size() == 1);
            a.commitSync(Map.of(p0, new io.tributary.clients.consumer.OffsetAndMetadata(0)));
        }
    }
}
