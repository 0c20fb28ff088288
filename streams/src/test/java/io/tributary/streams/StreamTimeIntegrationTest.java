package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stream time survives a restart through the committed offsets' metadata: a windowed count restarted after
 * closing a window drops a late record for it, as its predecessor would have; with the metadata replaced by another
 * tool's text the same record is counted (and the task runs).
 */
class StreamTimeIntegrationTest extends EmbeddedStreamsTest {
    private static final Serde<Windowed<String>> WINDOWED = WindowedSerdes.windowed(Serdes.string());

    private void sendAt(String topic, String key, long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, "click", null)).join();
    }

    private static Windowed<String> w(String key, long start) {
        return new Windowed<>(key, new Window(start, start + 10_000));
    }

    private static Topology windowedCount(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.string(), Serdes.string()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
            // kept a minute, so the store still holds [0, 10s) after the restart: counting into it shows as 3
            .count(Materialized.<String, Long>as("clicks-10s").withRetention(Duration.ofMinutes(1)))
            .toStream()
            .to(output);
        return builder.build();
    }

    /** Runs the count over alice's 1s, 2s and 12s records (closing [0, 10s)); returns her partition's commit. */
    private Map.Entry<TopicPartition, OffsetAndMetadata> firstRun(Topology topology, String app, String input,
                                                                  String output) {
        sendAt(input, "alice", 1_000);
        sendAt(input, "alice", 2_000);
        sendAt(input, "alice", 12_000);
        try (var streams = start(topology, app)) {
            assertThat(read(output, 3, WINDOWED.deserializer(), Serdes.longs().deserializer(), false))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(tuple(w("alice", 0), 1L), tuple(w("alice", 0), 2L), tuple(w("alice", 10_000), 1L));
            assertThat(streams.close(WAIT)).isTrue();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(app).join();
        return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(input) && e.getValue().offset() > 0)
            .findFirst().orElseThrow();
    }

    /**
     * Sends alice's late 5s record and a 25s one, restarts, waits until both are committed (so every output they
     * caused is acknowledged) and returns everything the output topic holds.
     */
    private List<ConsumerRecord<Windowed<String>, Long>> restartWithLateRecord(Topology topology, String app,
                                                                               TopicPartition alice, String output,
                                                                               int expected) {
        sendAt(alice.topic(), "alice", 5_000);
        sendAt(alice.topic(), "alice", 25_000);
        try (var restarted = start(topology, app)) {
            await().atMost(WAIT).until(() -> admin.listConsumerGroupOffsets(app).join().get(alice).offset() == 5);
            assertThat(restarted.state()).isEqualTo(TributaryStreams.State.RUNNING);
            return read(output, expected, WINDOWED.deserializer(), Serdes.longs().deserializer(), true);
        }
    }

    @Test
    void aRestartedWindowedCountDropsARecordForAWindowClosedBeforeTheStop() {
        createTopics("st-clicks", "st-counts");
        Topology topology = windowedCount("st-clicks", "st-counts");
        var commit = firstRun(topology, "st-app", "st-clicks", "st-counts");
        // the first run saved alice's partition time with its offset
        assertThat(commit.getValue().offset()).isEqualTo(3);
        assertThat(commit.getValue().metadata()).isEqualTo("tst1:12000");

        List<ConsumerRecord<Windowed<String>, Long>> all = restartWithLateRecord(topology, "st-app", commit.getKey(),
            "st-counts", 4);
        assertThat(all).extracting(ConsumerRecord::key, ConsumerRecord::value).containsExactlyInAnyOrder(
            tuple(w("alice", 0), 1L), tuple(w("alice", 0), 2L), tuple(w("alice", 10_000), 1L),
            tuple(w("alice", 20_000), 1L));
        assertThat(admin.listConsumerGroupOffsets("st-app").join().get(commit.getKey()))
            .isEqualTo(new OffsetAndMetadata(5, "tst1:25000"));
    }

    @Test
    void withoutTheSavedTimeTheLateRecordIsCountedAndForeignMetadataIsIgnored() {
        createTopics("st2-clicks", "st2-counts");
        Topology topology = windowedCount("st2-clicks", "st2-counts");
        var commit = firstRun(topology, "st2-app", "st2-clicks", "st2-counts");
        // another tool rewrites the commit with its own metadata (same offset): the saved time is gone
        admin.alterConsumerGroupOffsets("st2-app", Map.of(commit.getKey(),
            new OffsetAndMetadata(commit.getValue().offset(), "reset by ops script 2024-05-01"))).join();

        List<ConsumerRecord<Windowed<String>, Long>> all = restartWithLateRecord(topology, "st2-app",
            commit.getKey(), "st2-counts", 5);
        assertThat(all).extracting(ConsumerRecord::key, ConsumerRecord::value).containsExactlyInAnyOrder(
            tuple(w("alice", 0), 1L), tuple(w("alice", 0), 2L), tuple(w("alice", 10_000), 1L),
            tuple(w("alice", 0), 3L), tuple(w("alice", 20_000), 1L));
    }
}
