package io.tributary.clients.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.TopicPartition;
import io.tributary.record.TimestampType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MockConsumerTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private static ConsumerRecord<String, String> rec(TopicPartition tp, long offset, String value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, 1000 + offset, TimestampType.CREATE_TIME,
            "k", value, List.of(), 1, value.length());
    }

    @Test
    void pollReturnsFedRecordsFromThePositionAndCommitsAreKept() {
        MockConsumer<String, String> c = new MockConsumer<>("earliest");
        c.assign(List.of(P0, P1));
        c.addRecord(rec(P0, 0, "a"));
        c.addRecord(rec(P0, 1, "b"));
        c.addRecord(rec(P1, 0, "c"));
        ConsumerRecords<String, String> first = c.poll(Duration.ZERO);
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.records(P0)).extracting(ConsumerRecord::value).containsExactly("a", "b");
        assertThat(c.poll(Duration.ZERO).isEmpty()).isTrue();
        assertThat(c.position(P0)).isEqualTo(2);
        c.commitSync();
        assertThat(c.committed(Set.of(P0, P1))).containsEntry(P0, new OffsetAndMetadata(2))
            .containsEntry(P1, new OffsetAndMetadata(1));
        c.seek(P0, 1);
        assertThat(c.poll(Duration.ZERO).records(P0)).extracting(ConsumerRecord::value).containsExactly("b");
    }

    @Test
    void pausedPartitionsAreSkippedAndLatestStartsAtTheEnd() {
        MockConsumer<String, String> c = new MockConsumer<>("latest");
        c.assign(List.of(P0, P1));
        c.updateEndOffsets(Map.of(P0, 5L, P1, 0L));
        c.pause(List.of(P1));
        assertThat(c.poll(Duration.ZERO).isEmpty()).isTrue(); // P0 starts at its end offset, 5
        c.addRecord(rec(P0, 4, "old"));
        c.addRecord(rec(P0, 5, "a"));
        c.addRecord(rec(P1, 0, "b"));
        assertThat(c.poll(Duration.ZERO).records(P0)).extracting(ConsumerRecord::value).containsExactly("a");
        c.resume(List.of(P1));
        assertThat(c.poll(Duration.ZERO).partitions()).isEmpty(); // P1's position was taken when it resumed: 1
    }

    @Test
    void rebalanceCallsTheListenerAndErrorsAndWakeupsSurfaceOnce() {
        MockConsumer<String, String> c = new MockConsumer<>("none");
        List<String> events = new ArrayList<>();
        c.subscribe(List.of("t"), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                events.add("revoked " + partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                events.add("assigned " + partitions);
            }
        });
        c.rebalance(List.of(P0));
        c.rebalance(List.of(P1));
        assertThat(events).containsExactly("revoked []", "assigned [" + P0 + "]", "revoked [" + P0 + "]",
            "assigned [" + P1 + "]");
        assertThatThrownBy(() -> c.position(P1)).isInstanceOf(NoOffsetForPartitionException.class);
        c.setPollException(new IllegalStateException("boom"));
        assertThatThrownBy(() -> c.poll(Duration.ZERO)).hasMessage("boom");
        c.commitSync(Map.of(P1, new OffsetAndMetadata(5)));
        assertThat(c.poll(Duration.ZERO).isEmpty()).isTrue();
        c.wakeup();
        assertThatThrownBy(() -> c.poll(Duration.ZERO)).isInstanceOf(WakeupException.class);
        assertThat(c.poll(Duration.ZERO).isEmpty()).isTrue();
        c.close();
        assertThat(c.closed()).isTrue();
        assertThatThrownBy(() -> c.poll(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    }
}
