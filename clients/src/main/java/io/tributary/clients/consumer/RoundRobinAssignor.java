package io.tributary.clients.consumer;

import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code roundrobin}: every partition of every subscribed topic, in topic then partition order, goes to the next
 * member (in member-id order) subscribed to its topic.
 */
public final class RoundRobinAssignor implements ConsumerPartitionAssignor {
    @Override
    public String name() {
        return "roundrobin";
    }

    @Override
    public Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic,
                                          Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> out = new TreeMap<>();
        subscriptions.keySet().forEach(m -> out.put(m, new ArrayList<>()));
        List<String> members = new ArrayList<>(out.keySet());
        if (members.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> topics = new TreeMap<>();
        subscriptions.values().forEach(s -> s.topics().forEach(t -> {
            Integer n = partitionsPerTopic.get(t);
            if (n != null) {
                topics.put(t, n);
            }
        }));
        int next = 0;
        for (Map.Entry<String, Integer> t : topics.entrySet()) {
            for (int p = 0; p < t.getValue(); p++) {
                for (int tried = 0; tried < members.size(); tried++) {
                    String m = members.get(next);
                    next = (next + 1) % members.size();
                    if (subscriptions.get(m).topics().contains(t.getKey())) {
                        out.get(m).add(new TopicPartition(t.getKey(), p));
                        break;
                    }
                }
            }
        }
        Map<String, Assignment> result = new TreeMap<>();
        out.forEach((m, ps) -> result.put(m, new Assignment(ps, null)));
        return result;
    }
}
