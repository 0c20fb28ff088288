package io.tributary.clients.consumer;

import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code cooperative-sticky}: a balanced assignment that keeps as many partitions where they are as it can, handed
 * over cooperatively. Members keep what they own (the newest generation wins a partition claimed twice) up to
 * their fair share; the rest is spread over the members with the fewest. A partition that moves from one member
 * to another is left out of this round: its owner revokes it, rejoins, and the next round gives it to its new
 * member.
 */
public final class CooperativeStickyAssignor implements ConsumerPartitionAssignor {
    private int generation = -1;

    @Override
    public String name() {
        return "cooperative-sticky";
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    /** Records the generation the member's owned partitions came from (sent as user data, as Kafka's does). */
    public void onGeneration(int generationId) {
        this.generation = generationId;
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.allocate(4).putInt(0, generation);
    }

    @Override
    public Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic,
                                          Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> target = new TreeMap<>();
        subscriptions.keySet().forEach(m -> target.put(m, new ArrayList<>()));
        if (target.isEmpty()) {
            return Map.of();
        }
        Set<TopicPartition> all = new LinkedHashSet<>();
        new TreeMap<>(partitionsPerTopic).forEach((topic, n) -> {
            boolean wanted = subscriptions.values().stream().anyMatch(s -> s.topics().contains(topic));
            for (int p = 0; wanted && p < n; p++) {
                all.add(new TopicPartition(topic, p));
            }
        });

        // 1. keep owned partitions; the member with the newest generation wins a contested one
        Map<TopicPartition, String> previousOwner = new HashMap<>();
        List<String> byGeneration = new ArrayList<>(target.keySet());
        byGeneration.sort(Comparator.comparingInt((String m) -> generationOf(subscriptions.get(m))).reversed()
            .thenComparing(Comparator.naturalOrder()));
        Set<TopicPartition> claimed = new HashSet<>();
        for (String m : byGeneration) {
            Subscription s = subscriptions.get(m);
            for (TopicPartition tp : s.ownedPartitions()) {
                if (all.contains(tp) && s.topics().contains(tp.topic()) && claimed.add(tp)) {
                    target.get(m).add(tp);
                    previousOwner.put(tp, m);
                }
            }
        }

        // 2. trim everyone to their fair share: the biggest holders may keep the rounded-up share
        int members = target.size();
        int floor = all.size() / members;
        int ceilSlots = all.size() % members;
        List<String> bySize = new ArrayList<>(target.keySet());
        bySize.sort(Comparator.comparingInt((String m) -> target.get(m).size()).reversed()
            .thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> cap = new HashMap<>();
        for (String m : bySize) {
            int c = floor + (ceilSlots > 0 ? 1 : 0);
            if (ceilSlots > 0) {
                ceilSlots--;
            }
            cap.put(m, c);
            List<TopicPartition> held = target.get(m);
            while (held.size() > c) {
                claimed.remove(held.remove(held.size() - 1));
            }
        }

        // 3. spread what is left over the members with the fewest (among those subscribed to its topic)
        for (TopicPartition tp : all) {
            if (claimed.contains(tp)) {
                continue;
            }
            String best = null;
            for (String m : target.keySet()) {
                if (!subscriptions.get(m).topics().contains(tp.topic())) {
                    continue;
                }
                if (best == null || score(target, cap, m) < score(target, cap, best)) {
                    best = m;
                }
            }
            if (best != null) {
                target.get(best).add(tp);
                claimed.add(tp);
            }
        }

        // 4. cooperative hand-over: what moves between members is assigned in the next round
        Map<String, Assignment> result = new TreeMap<>();
        target.forEach((m, ps) -> {
            List<TopicPartition> now = new ArrayList<>();
            for (TopicPartition tp : ps) {
                String owner = ownerIn(subscriptions, tp);
                if (owner == null || owner.equals(m)) {
                    now.add(tp);
                }
            }
            result.put(m, new Assignment(now, null));
        });
        return result;
    }

    /** Members below their cap come first, then the least loaded. */
    private static long score(Map<String, List<TopicPartition>> target, Map<String, Integer> cap, String m) {
        int size = target.get(m).size();
        return (size < cap.get(m) ? 0 : 1_000_000L) + size;
    }

    private static String ownerIn(Map<String, Subscription> subscriptions, TopicPartition tp) {
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            if (e.getValue().ownedPartitions().contains(tp)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static int generationOf(Subscription s) {
        if (s.generationId() >= 0) {
            return s.generationId();
        }
        ByteBuffer u = s.userData();
        return u != null && u.remaining() >= 4 ? u.getInt(u.position()) : -1;
    }
}
