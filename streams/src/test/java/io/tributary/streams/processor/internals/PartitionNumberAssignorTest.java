package io.tributary.streams.processor.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.ConsumerPartitionAssignor.Assignment;
import io.tributary.clients.consumer.ConsumerPartitionAssignor.Subscription;
import io.tributary.clients.consumer.RangeAssignor;
import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PartitionNumberAssignorTest {
    private static final List<String> TOPICS = List.of("clicks", "views", "app-by-user-repartition");

    private static Map<String, Subscription> members(String... ids) {
        Map<String, Subscription> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, new Subscription(TOPICS, null, List.of(), -1, null));
        }
        return out;
    }

    /** Which members hold some partition of each task (partition number). */
    private static Map<Integer, Set<String>> ownersByTask(Map<String, Assignment> assignment) {
        Map<Integer, Set<String>> out = new TreeMap<>();
        assignment.forEach((member, a) -> a.partitions().forEach(
            tp -> out.computeIfAbsent(tp.partition(), p -> new java.util.TreeSet<>()).add(member)));
        return out;
    }

    @Test
    void everyPartitionOfATaskGoesToOneMemberWhateverTheTopicsPartitionCounts() {
        Map<String, Integer> counts = Map.of("clicks", 4, "views", 2, "app-by-user-repartition", 4);
        Map<String, Subscription> subs = members("m-a", "m-b", "m-c");

        Map<String, Assignment> ours = new PartitionNumberAssignor().assign(counts, subs);
        assertThat(ownersByTask(ours)).hasSize(4).allSatisfy((task, owners) -> assertThat(owners).hasSize(1));
        List<TopicPartition> all = ours.values().stream().flatMap(a -> a.partitions().stream()).toList();
        assertThat(all).hasSize(10).doesNotHaveDuplicates();

        // why the runtime does not use range: with unequal counts it splits a task across members
        Map<String, Assignment> range = new RangeAssignor().assign(counts, subs);
        assertThat(ownersByTask(range).values()).anySatisfy(owners -> assertThat(owners).hasSizeGreaterThan(1));
    }

    @Test
    void firstThreadsOfEveryInstanceTakeATaskBeforeAnySecondThread() {
        Map<String, Integer> counts = new HashMap<>();
        TOPICS.forEach(t -> counts.put(t, 2));
        Map<String, Subscription> subs = members(
            "app-1111-StreamThread-1-consumer-aaa", "app-1111-StreamThread-2-consumer-bbb",
            "app-2222-StreamThread-1-consumer-ccc", "app-2222-StreamThread-2-consumer-ddd");

        Map<Integer, Set<String>> owners = ownersByTask(new PartitionNumberAssignor().assign(counts, subs));
        Set<String> instances = owners.values().stream().flatMap(Set::stream)
            .map(m -> m.substring(0, "app-1111".length())).collect(Collectors.toSet());
        assertThat(instances).containsExactlyInAnyOrder("app-1111", "app-2222");
        assertThat(PartitionNumberAssignor.threadNumber("app-1111-StreamThread-12-consumer-x")).isEqualTo(12);
        assertThat(PartitionNumberAssignor.threadNumber("some-consumer")).isZero();
    }

    @Test
    void aMemberGetsOnlyTopicsItSubscribedTo() {
        Map<String, Subscription> subs = new LinkedHashMap<>();
        subs.put("a", new Subscription(List.of("clicks"), null, List.of(), -1, null));
        Map<String, Assignment> out = new PartitionNumberAssignor().assign(Map.of("clicks", 2, "views", 2), subs);
        assertThat(out.get("a").partitions()).containsExactly(new TopicPartition("clicks", 0),
            new TopicPartition("clicks", 1));
    }
}
