package io.tributary.streams.processor.internals;

import io.tributary.clients.consumer.ConsumerPartitionAssignor;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stream threads' assignor: it hands out tasks, not partitions. Task {@code p} is partition {@code p} of every
 * subscribed topic (sources and repartition topics), and all of them go to one member, whatever the topics'
 * partition counts; the range assignor keeps them together only when every topic has the same count.
 *
 * <p>Tasks {@code 0..n-1} ({@code n} the largest partition count) are dealt round-robin over the members ordered by
 * thread number, then member id: with member ids starting with the stream threads' client ids
 * ({@code <application.id>-<process>-StreamThread-<n>-consumer}), the first threads of every instance take a task
 * before any second thread does, so instances get even shares. A member gets only partitions of topics it
 * subscribed to. Eager protocol: no stickiness (a rebalance may move tasks).
 *
 * <p>Registered by class name in the main consumers' {@code partition.assignment.strategy}.
 */
public final class PartitionNumberAssignor implements ConsumerPartitionAssignor {
    /** The protocol name every member of the application's group announces. */
    public static final String NAME = "tributary-streams";
    private static final Pattern THREAD = Pattern.compile("-StreamThread-(\\d+)-consumer");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic,
                                          Map<String, Subscription> subscriptions) {
        List<String> members = new ArrayList<>(subscriptions.keySet());
        members.sort(Comparator.comparingInt(PartitionNumberAssignor::threadNumber)
            .thenComparing(Comparator.naturalOrder()));
        int tasks = 0;
        for (Subscription s : subscriptions.values()) {
            for (String topic : s.topics()) {
                tasks = Math.max(tasks, partitionsPerTopic.getOrDefault(topic, 0));
            }
        }
        Map<String, List<TopicPartition>> out = new TreeMap<>();
        members.forEach(m -> out.put(m, new ArrayList<>()));
        for (int task = 0; task < tasks && !members.isEmpty(); task++) {
            String member = members.get(task % members.size());
            for (String topic : new java.util.TreeSet<>(subscriptions.get(member).topics())) {
                if (task < partitionsPerTopic.getOrDefault(topic, 0)) {
                    out.get(member).add(new TopicPartition(topic, task));
                }
            }
        }
        Map<String, Assignment> result = new TreeMap<>();
        out.forEach((m, ps) -> result.put(m, new Assignment(ps, null)));
        return result;
    }

    /** The stream thread number in a member id, or 0 for other members. */
    static int threadNumber(String memberId) {
        Matcher m = THREAD.matcher(memberId);
        if (m.find()) {
            try {
                return Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
