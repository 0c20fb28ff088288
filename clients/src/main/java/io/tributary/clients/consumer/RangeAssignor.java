package io.tributary.clients.consumer;

import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code range}: for each topic, the subscribed members in member-id order take consecutive runs of partitions; the
 * first {@code partitions % members} members take one more.
 */
public final class RangeAssignor implements ConsumerPartitionAssignor {
    @Override
    public String name() {
        return "range";
    }

    @Override
    public Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic,
                                          Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> out = new TreeMap<>();
        subscriptions.keySet().forEach(m -> out.put(m, new ArrayList<>()));
        Map<String, List<String>> membersByTopic = new TreeMap<>();
        subscriptions.forEach((member, s) -> s.topics().forEach(
            t -> membersByTopic.computeIfAbsent(t, k -> new ArrayList<>()).add(member)));
        membersByTopic.forEach((topic, members) -> {
            Integer count = partitionsPerTopic.get(topic);
            if (count == null) {
                return;
            }
            members.sort(null);
            int per = count / members.size();
            int extra = count % members.size();
            for (int i = 0; i < members.size(); i++) {
                int start = per * i + Math.min(i, extra);
                int length = per + (i < extra ? 1 : 0);
                for (int p = start; p < start + length; p++) {
                    out.get(members.get(i)).add(new TopicPartition(topic, p));
                }
            }
        });
        Map<String, Assignment> result = new TreeMap<>();
        out.forEach((m, ps) -> result.put(m, new Assignment(ps, null)));
        return result;
    }
}
