package io.tributary.clients.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.ConsumerPartitionAssignor.Assignment;
import io.tributary.clients.consumer.ConsumerPartitionAssignor.Subscription;
import io.tributary.clients.consumer.internals.ConsumerProtocol;
import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

/** Our assignors against Kafka's own (the oracle), and the invariants every assignment must keep. */
class AssignorsTest {
    private static Map<String, Subscription> members(int n, List<String> topics) {
        Map<String, Subscription> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put("member-" + i, new Subscription(topics, null, List.of(), -1, null));
        }
        return m;
    }

    private static Cluster kafkaCluster(Map<String, Integer> counts) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        counts.forEach((t, n) -> {
            for (int p = 0; p < n; p++) {
                infos.add(new PartitionInfo(t, p, node, new Node[] {node}, new Node[] {node}));
            }
        });
        return new Cluster("c", List.of(node), infos, Set.of(), Set.of());
    }

    private static Map<String, List<TopicPartition>> kafkaAssign(
        org.apache.kafka.clients.consumer.ConsumerPartitionAssignor assignor, Map<String, Integer> counts,
        int members, List<String> topics) {
        Map<String, org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription> subs = new HashMap<>();
        for (int i = 0; i < members; i++) {
            subs.put("member-" + i, new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(
                topics, null, List.of(), -1, Optional.empty()));
        }
        var result = assignor.assign(kafkaCluster(counts), new GroupSubscription(subs)).groupAssignment();
        Map<String, List<TopicPartition>> out = new TreeMap<>();
        result.forEach((m, a) -> out.put(m, a.partitions().stream()
            .map(tp -> new TopicPartition(tp.topic(), tp.partition())).sorted().toList()));
        return out;
    }

    private static Map<String, List<TopicPartition>> ours(ConsumerPartitionAssignor a, Map<String, Integer> counts,
                                                          int members, List<String> topics) {
        Map<String, List<TopicPartition>> out = new TreeMap<>();
        a.assign(counts, members(members, topics)).forEach((m, as) -> out.put(m,
            as.partitions().stream().sorted().toList()));
        return out;
    }

    @Property(tries = 200)
    void rangeAndRoundRobinMatchKafka(@ForAll @IntRange(min = 1, max = 9) int members,
                                      @ForAll @IntRange(min = 1, max = 40) int partsA,
                                      @ForAll @IntRange(min = 1, max = 7) int partsB) {
        Map<String, Integer> counts = Map.of("a", partsA, "b", partsB);
        List<String> topics = List.of("a", "b");
        assertThat(ours(new RangeAssignor(), counts, members, topics))
            .isEqualTo(kafkaAssign(new org.apache.kafka.clients.consumer.RangeAssignor(), counts, members, topics));
        assertThat(ours(new RoundRobinAssignor(), counts, members, topics)).isEqualTo(
            kafkaAssign(new org.apache.kafka.clients.consumer.RoundRobinAssignor(), counts, members, topics));
    }

    @Property(tries = 200)
    void cooperativeStickyIsBalancedCompleteAndSticky(@ForAll @IntRange(min = 1, max = 8) int before,
                                                      @ForAll @IntRange(min = 1, max = 8) int after,
                                                      @ForAll @IntRange(min = 1, max = 30) int partitions) {
        CooperativeStickyAssignor a = new CooperativeStickyAssignor();
        Map<String, Integer> counts = Map.of("t", partitions);
        Map<String, Assignment> first = a.assign(counts, members(before, List.of("t")));
        // the group changes size: members keep what they own
        Map<String, Subscription> next = new TreeMap<>();
        for (int i = 0; i < after; i++) {
            Assignment owned = first.get("member-" + i);
            next.put("member-" + i, new Subscription(List.of("t"), null,
                owned == null ? List.of() : owned.partitions(), 1, null));
        }
        Map<String, Assignment> second = a.assign(counts, next);
        // round 2 (after revocations): nobody owns what moved
        Map<String, Subscription> settled = new TreeMap<>();
        second.forEach((m, as) -> settled.put(m, new Subscription(List.of("t"), null, as.partitions(), 2, null)));
        Map<String, Assignment> third = a.assign(counts, settled);

        Set<TopicPartition> all = new HashSet<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Assignment as : third.values()) {
            for (TopicPartition tp : as.partitions()) {
                assertThat(all.add(tp)).as("%s assigned twice", tp).isTrue();
            }
            min = Math.min(min, as.partitions().size());
            max = Math.max(max, as.partitions().size());
        }
        assertThat(all).hasSize(partitions);
        assertThat(max - min).isLessThanOrEqualTo(1);
        // no partition is handed from one member to another within a single round
        for (Map.Entry<String, Assignment> e : second.entrySet()) {
            for (TopicPartition tp : e.getValue().partitions()) {
                for (Map.Entry<String, Subscription> o : next.entrySet()) {
                    if (!o.getKey().equals(e.getKey())) {
                        assertThat(o.getValue().ownedPartitions()).doesNotContain(tp);
                    }
                }
            }
        }
        // members that stay keep their partitions up to their fair share
        for (int i = 0; i < Math.min(before, after); i++) {
            List<TopicPartition> kept = new ArrayList<>(first.get("member-" + i).partitions());
            kept.retainAll(third.get("member-" + i).partitions());
            assertThat(kept.size()).isGreaterThanOrEqualTo(
                Math.min(first.get("member-" + i).partitions().size(), partitions / after));
        }
    }

    @Test
    void subscriptionAndAssignmentBytesAreReadByKafka() {
        Subscription s = new Subscription(List.of("a", "b"), ByteBuffer.wrap(new byte[] {1, 2}),
            List.of(new TopicPartition("a", 3)), 7, null);
        var theirs = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.deserializeSubscription(
            ConsumerProtocol.encodeSubscription(s));
        assertThat(theirs.topics()).containsExactly("a", "b");
        assertThat(theirs.ownedPartitions()).containsExactly(new org.apache.kafka.common.TopicPartition("a", 3));
        assertThat(theirs.generationId()).contains(7);
        Assignment a = new Assignment(List.of(new TopicPartition("x", 1), new TopicPartition("x", 0)), null);
        var theirAssignment = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.deserializeAssignment(
            ConsumerProtocol.encodeAssignment(a));
        assertThat(theirAssignment.partitions()).containsExactlyInAnyOrder(
            new org.apache.kafka.common.TopicPartition("x", 0), new org.apache.kafka.common.TopicPartition("x", 1));

        ByteBuffer kafkaSub = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeSubscription(
            new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(List.of("t"), null,
                List.of(new org.apache.kafka.common.TopicPartition("t", 2)), 4, Optional.of("rack-1")));
        Subscription ours = ConsumerProtocol.decodeSubscription(kafkaSub);
        assertThat(ours.topics()).containsExactly("t");
        assertThat(ours.ownedPartitions()).containsExactly(new TopicPartition("t", 2));
        assertThat(ours.generationId()).isEqualTo(4);
        assertThat(ours.rackId()).isEqualTo("rack-1");
    }
}
