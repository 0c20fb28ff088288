package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two of our consumers and two real KafkaConsumers in one group: the partitions are shared with no overlap at any
 * moment and none left out; with a commit after every poll and the leader leaving half-way, every record is
 * consumed, duplicates only where a commit failed.
 */
@Tag("interop")
class MixedConsumerGroupTest {
    private static final int PARTITIONS = 8;
    private static final int RECORDS = 400;

    /** One group member, ours or Kafka's, seen through the same small interface. */
    private interface Member extends AutoCloseable {
        /** Polls once; returns the values received. */
        List<String> poll();

        /** Commits what was consumed; false if the commit failed (a rebalance cut in). */
        boolean commit();

        Set<Integer> assignment();

        String name();

        @Override
        void close();
    }

    private static final class Ours implements Member {
        private final TributaryConsumer<String, String> consumer;
        private final String name;

        Ours(TestCluster cluster, String group, String topic, Map<String, Object> extra, String name) {
            this.consumer = ConsumerFixtures.ours(cluster, group, extra);
            this.name = name;
            consumer.subscribe(List.of(topic));
        }

        @Override
        public List<String> poll() {
            List<String> out = new ArrayList<>();
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                out.add(r.value());
            }
            return out;
        }

        @Override
        public boolean commit() {
            try {
                consumer.commitSync();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public Set<Integer> assignment() {
            Set<Integer> out = new TreeSet<>();
            consumer.assignment().forEach(tp -> out.add(tp.partition()));
            return out;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static final class Theirs implements Member {
        private final KafkaConsumer<String, String> consumer;
        private final String name;

        Theirs(TestCluster cluster, String group, String topic, Map<String, Object> extra, String name) {
            this.consumer = ConsumerFixtures.kafka(cluster, group, extra);
            this.name = name;
            consumer.subscribe(List.of(topic));
        }

        @Override
        public List<String> poll() {
            List<String> out = new ArrayList<>();
            consumer.poll(Duration.ofMillis(20)).forEach(r -> out.add(r.value()));
            return out;
        }

        @Override
        public boolean commit() {
            try {
                consumer.commitSync();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public Set<Integer> assignment() {
            Set<Integer> out = new TreeSet<>();
            consumer.assignment().forEach(tp -> out.add(tp.partition()));
            return out;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    static Stream<Arguments> scenarios() {
        List<Arguments> out = new ArrayList<>();
        for (Supplier<TestCluster> cluster : List.<Supplier<TestCluster>>of(Clusters::brokerLite, Clusters::kafka)) {
            for (String strategy : List.of("default", "cooperative-sticky")) {
                for (boolean oursLead : List.of(true, false)) {
                    out.add(Arguments.of(cluster, strategy, oursLead));
                }
            }
        }
        return out.stream().map(a -> Arguments.of(((Supplier<?>) a.get()[0]).get(), a.get()[1], a.get()[2]));
    }

    @ParameterizedTest(name = "{0} {1} ours lead: {2}")
    @MethodSource("scenarios")
    void sharedWithNoOverlapAndEveryRecordConsumed(TestCluster cluster, String strategy, boolean oursLead)
        throws Exception {
        String topic = Clusters.uniqueName("mixed");
        String group = Clusters.uniqueName("mixed-group");
        ConsumerFixtures.createTopic(cluster, topic, PARTITIONS);
        Map<String, Object> ourExtra = strategy.equals("default") ? Map.of()
            : Map.of("partition.assignment.strategy", "cooperative-sticky");
        Map<String, Object> theirExtra = strategy.equals("default") ? Map.of()
            : Map.of("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");

        List<Member> members = new ArrayList<>();
        try {
            // the first member forms the group alone, so it is the leader
            members.add(oursLead ? new Ours(cluster, group, topic, ourExtra, "ours-1")
                : new Theirs(cluster, group, topic, theirExtra, "kafka-1"));
            Map<String, Integer> seen = new HashMap<>();
            pollUntil(members, seen, () -> members.get(0).assignment().size() == PARTITIONS, "the leader alone");
            members.add(oursLead ? new Theirs(cluster, group, topic, theirExtra, "kafka-1")
                : new Ours(cluster, group, topic, ourExtra, "ours-1"));
            members.add(new Ours(cluster, group, topic, ourExtra, "ours-2"));
            members.add(new Theirs(cluster, group, topic, theirExtra, "kafka-2"));
            pollUntil(members, seen, () -> members.stream().allMatch(m -> m.assignment().size() == 2),
                "four members with two partitions each");
            assertThat(seen).isEmpty();

            ConsumerFixtures.produce(cluster, topic, 0, RECORDS);
            int[] uncommitted = new int[1];
            Runnable step = () -> {
                for (Member m : members) {
                    List<String> values = m.poll();
                    values.forEach(v -> seen.merge(v, 1, Integer::sum));
                    if (!values.isEmpty() && !m.commit()) {
                        uncommitted[0] += values.size();
                    }
                    assertNoOverlap(members);
                }
            };
            long deadline = System.currentTimeMillis() + 20_000;
            while (seen.size() < RECORDS / 3 && System.currentTimeMillis() < deadline) {
                step.run();
            }
            Member leaving = members.remove(0); // the leader leaves; another member must lead
            leaving.close();
            while (seen.size() < RECORDS && System.currentTimeMillis() < deadline) {
                step.run();
            }
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < RECORDS; i++) {
                expected.add("v" + i);
            }
            assertThat(seen.keySet()).as("every record consumed").isEqualTo(expected);
            int duplicates = seen.values().stream().mapToInt(n -> n - 1).sum();
            assertThat(duplicates).as("duplicates (records whose commit failed: %s)", uncommitted[0])
                .isLessThanOrEqualTo(uncommitted[0]);
            pollUntil(members, seen, () -> {
                Set<Integer> all = new TreeSet<>();
                members.forEach(m -> all.addAll(m.assignment()));
                return all.size() == PARTITIONS && members.stream().allMatch(m -> m.assignment().size() >= 2);
            }, "three members sharing all partitions");
            assertThat(seen.values().stream().mapToInt(Integer::intValue).sum() - RECORDS).isEqualTo(duplicates);
        } finally {
            members.forEach(Member::close);
        }
    }

    /** Polls every member in turn (checking no partition is held twice) until {@code done}, at most 20 s. */
    private static void pollUntil(List<Member> members, Map<String, Integer> seen, Supplier<Boolean> done,
                                  String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!done.get()) {
            assertThat(System.currentTimeMillis()).as("waiting for %s: %s", what, describe(members))
                .isLessThan(deadline);
            for (Member m : members) {
                m.poll().forEach(v -> seen.merge(v, 1, Integer::sum));
                assertNoOverlap(members);
            }
        }
    }

    private static void assertNoOverlap(List<Member> members) {
        Map<Integer, String> owner = new HashMap<>();
        for (Member m : members) {
            for (int p : m.assignment()) {
                String before = owner.put(p, m.name());
                assertThat(before).as("partition %s held by %s and %s: %s", p, before, m.name(), describe(members))
                    .isNull();
            }
        }
    }

    private static String describe(List<Member> members) {
        StringBuilder b = new StringBuilder();
        members.forEach(m -> b.append(m.name()).append('=').append(m.assignment()).append(' '));
        return b.toString();
    }

    static TopicPartition tp(String topic, int p) {
        return new TopicPartition(topic, p);
    }
}
