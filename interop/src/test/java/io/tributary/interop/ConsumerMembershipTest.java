package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.ConsumerRebalanceListener;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Static membership (group.instance.id) and a member that stops polling for longer than max.poll.interval.ms. */
@Tag("interop")
class ConsumerMembershipTest {

    private static final class Events implements ConsumerRebalanceListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            events.add("revoked " + ConsumerRebalanceListenerTest.partitionsOf(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            events.add("assigned " + ConsumerRebalanceListenerTest.partitionsOf(partitions));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            events.add("lost " + ConsumerRebalanceListenerTest.partitionsOf(partitions));
        }

        List<String> nonEmpty() {
            return events.stream().filter(e -> !e.endsWith("[]")).toList();
        }
    }

    private static void pollAll(List<TributaryConsumer<String, String>> consumers, BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!done.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("the group did not settle").isLessThan(deadline);
            consumers.forEach(c -> c.poll(Duration.ofMillis(20)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void aStaticMemberRestartingGetsItsPartitionsBackWithoutARebalance(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("static");
        String group = Clusters.uniqueName("static-group");
        ConsumerFixtures.createTopic(cluster, topic, 4);
        Map<String, Object> range = Map.of("partition.assignment.strategy", "range");
        Events leaderEvents = new Events();
        try (var leader = ConsumerFixtures.ours(cluster, group, with(range, "group.instance.id", "leader"))) {
            leader.subscribe(List.of(topic), leaderEvents);
            pollAll(List.of(leader), () -> leader.assignment().size() == 4);
            Set<TopicPartition> held;
            String memberId;
            try (var member = ConsumerFixtures.ours(cluster, group, with(range, "group.instance.id", "member"))) {
                member.subscribe(List.of(topic));
                pollAll(List.of(leader, member), () -> leader.assignment().size() == 2
                    && member.assignment().size() == 2);
                held = member.assignment();
                memberId = member.memberId();
            } // a static member does not leave the group on close
            List<String> before = List.copyOf(leaderEvents.events);
            try (var again = ConsumerFixtures.ours(cluster, group, with(range, "group.instance.id", "member"))) {
                again.subscribe(List.of(topic));
                pollAll(List.of(leader, again), () -> !again.assignment().isEmpty());
                assertThat(again.assignment()).isEqualTo(held);
                assertThat(again.memberId()).isNotEqualTo(memberId);
                for (int i = 0; i < 10; i++) { // a few more rounds: nothing moves
                    leader.poll(Duration.ofMillis(20));
                    again.poll(Duration.ofMillis(20));
                }
                assertThat(again.assignment()).isEqualTo(held);
                assertThat(leaderEvents.events).as("the leader saw no rebalance").isEqualTo(before);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void aMemberThatStopsPollingLosesItsPartitionsAndRejoins(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("slow");
        String group = Clusters.uniqueName("slow-group");
        ConsumerFixtures.createTopic(cluster, topic, 4);
        Map<String, Object> range = Map.of("partition.assignment.strategy", "range");
        Events slowEvents = new Events();
        try (var fast = ConsumerFixtures.ours(cluster, group, range);
             var slow = ConsumerFixtures.ours(cluster, group, with(range, "max.poll.interval.ms", "1000"))) {
            fast.subscribe(List.of(topic));
            slow.subscribe(List.of(topic), slowEvents);
            pollAll(List.of(fast, slow), () -> fast.assignment().size() == 2 && slow.assignment().size() == 2);
            Set<Integer> slowHad = ConsumerRebalanceListenerTest.partitionsOf(slow.assignment());
            slowEvents.events.clear();
            // slow stops polling: after max.poll.interval.ms it leaves and fast gets everything
            pollAll(List.of(fast), () -> fast.assignment().size() == 4);
            assertThat(slowEvents.events).isEmpty(); // the listener runs on the polling thread only
            pollAll(List.of(fast, slow), () -> fast.assignment().size() == 2 && slow.assignment().size() == 2);
            assertThat(slowEvents.nonEmpty()).first().isEqualTo("lost " + slowHad);
            assertThat(slowEvents.nonEmpty()).last()
                .isEqualTo("assigned " + ConsumerRebalanceListenerTest.partitionsOf(slow.assignment()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void aStaticLeaderRestartingKeepsTheAssignment(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("static-leader");
        String group = Clusters.uniqueName("static-leader-group");
        ConsumerFixtures.createTopic(cluster, topic, 4);
        Map<String, Object> coop = Map.of("partition.assignment.strategy", "cooperative-sticky");
        Events memberEvents = new Events();
        Set<TopicPartition> leaderHeld;
        var leader = ConsumerFixtures.ours(cluster, group, with(coop, "group.instance.id", "leader"));
        try (var member = ConsumerFixtures.ours(cluster, group, with(coop, "group.instance.id", "member"))) {
            try {
                leader.subscribe(List.of(topic));
                pollAll(List.of(leader), () -> leader.assignment().size() == 4);
                member.subscribe(List.of(topic), memberEvents);
                pollAll(List.of(leader, member), () -> leader.assignment().size() == 2
                    && member.assignment().size() == 2);
                leaderHeld = leader.assignment();
            } finally {
                leader.close();
            }
            Set<TopicPartition> memberHeld = member.assignment();
            List<String> before = List.copyOf(memberEvents.events);
            try (var again = ConsumerFixtures.ours(cluster, group, with(coop, "group.instance.id", "leader"))) {
                again.subscribe(List.of(topic));
                pollAll(List.of(member, again), () -> !again.assignment().isEmpty());
                for (int i = 0; i < 10; i++) {
                    member.poll(Duration.ofMillis(20));
                    again.poll(Duration.ofMillis(20));
                }
                assertThat(again.assignment()).isEqualTo(leaderHeld);
                assertThat(member.assignment()).isEqualTo(memberHeld);
                // the restarted leader's subscription owns nothing, so the group may rebalance; cooperatively,
                // without taking anything from the other member
                assertThat(memberEvents.events.subList(before.size(), memberEvents.events.size()))
                    .as("the other member's listener").allMatch(e -> e.equals("assigned []"));
            }
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> out = new java.util.HashMap<>(base);
        out.put(key, value);
        return out;
    }
}
