package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.log.LogStore;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed offsets in __consumer_offsets: written as records, replayed in order after a reopen. */
class OffsetsTopicStoreTest {
    @TempDir
    Path dir;
    private final MockTime time = new MockTime();

    private record Stores(TopicRegistry topics, LogStore logs, OffsetsTopicStore store) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            logs.close();
        }
    }

    private Stores open() throws Exception {
        TopicRegistry topics = TopicRegistry.open(dir,
            BrokerConfig.from(Map.of("log.dirs", dir.toString())).topicDefaults());
        LogStore logs = LogStore.open(List.of(dir), time, LogStore.Options.manual(), topics::logConfig);
        return new Stores(topics, logs, new OffsetsTopicStore(topics, logs, time, 7));
    }

    private static Map<String, Map<TopicPartition, CommittedOffset>> replay(OffsetStore store) {
        Map<String, Map<TopicPartition, CommittedOffset>> state = new HashMap<>();
        store.load((group, tp, offset) -> {
            Map<TopicPartition, CommittedOffset> g = state.computeIfAbsent(group, k -> new HashMap<>());
            if (offset == null) {
                g.remove(tp);
            } else {
                g.put(tp, offset);
            }
        });
        return state;
    }

    @Test
    void offsetsAndDeletionsAreReplayedAfterAReopen() throws Exception {
        TopicPartition t0 = new TopicPartition("orders", 0);
        TopicPartition t1 = new TopicPartition("orders", 1);
        try (Stores s = open()) {
            assertThat(replay(s.store())).isEmpty();
            s.store().write("g1", Map.of(t0, new CommittedOffset(5, 3, "first", 100), t1, new CommittedOffset(7, -1, null, 100)));
            s.store().write("g2", Map.of(t0, new CommittedOffset(1, -1, "", 100)));
            s.store().write("g1", Map.of(t0, new CommittedOffset(9, 4, "second", 200)));
            Map<TopicPartition, CommittedOffset> delete = new HashMap<>();
            delete.put(t1, null);
            s.store().write("g1", delete);

            TopicRegistry.Topic topic = s.topics().get(OffsetsTopicStore.TOPIC).orElseThrow();
            assertThat(topic.partitions()).isEqualTo(7);
            assertThat(s.topics().logConfig(OffsetsTopicStore.TOPIC).compact).isTrue();
            assertThat(s.logs().get(new TopicPartition(OffsetsTopicStore.TOPIC,
                OffsetsTopicStore.partitionFor("g1", 7)))).isPresent();
        }
        try (Stores s = open()) {
            Map<String, Map<TopicPartition, CommittedOffset>> state = replay(s.store());
            assertThat(state.get("g1")).containsExactly(Map.entry(t0, new CommittedOffset(9, 4, "second", 200)));
            assertThat(state.get("g2")).containsExactly(Map.entry(t0, new CommittedOffset(1, -1, "", 100)));
        }
    }

    @Test
    void aCommitLargerThanOneBatchIsSplit() throws Exception {
        Map<TopicPartition, CommittedOffset> many = new HashMap<>();
        for (int p = 0; p < 5_000; p++) {
            many.put(new TopicPartition("wide", p), new CommittedOffset(p, -1, "m".repeat(300), 1));
        }
        try (Stores s = open()) {
            s.store().write("big", many);
        }
        try (Stores s = open()) {
            assertThat(replay(s.store()).get("big")).isEqualTo(many);
        }
    }

    @Test
    void groupsMapToPartitionsLikeKafka() {
        assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(OffsetsTopicStore.partitionFor("polygenelubricants", 50)).isZero();
        assertThat(OffsetsTopicStore.partitionFor("my-group", 50)).isEqualTo(Math.abs("my-group".hashCode()) % 50);
        assertThat(OffsetsTopicStore.partitionFor("a", 50)).isEqualTo(97 % 50);
    }
}
