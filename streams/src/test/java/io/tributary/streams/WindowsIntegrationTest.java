package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.JoinWindows;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.StreamJoined;
import io.tributary.streams.kstream.Suppressed;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Suppression (and its buffer's changelog) across a restart of the application, and a stream-stream join's
 * repartitioning, on the embedded broker.
 */
class WindowsIntegrationTest extends EmbeddedStreamsTest {
    private static final Serde<Windowed<String>> WINDOWED = WindowedSerdes.windowed(Serdes.string());

    private void sendAt(String topic, String key, long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, "click", null)).join();
    }

    private static Windowed<String> w(String key, long start) {
        return new Windowed<>(key, new Window(start, start + 10_000));
    }

    @Test
    void suppressEmitsExactlyOneFinalResultPerWindowAcrossARestart() {
        createTopics("views", "final-views");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("views", Consumed.with(Serdes.string(), Serdes.string()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
            .count(Materialized.as("views-10s"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final"))
            .toStream()
            .to("final-views");
        Topology topology = builder.build();

        // each key drives the stream time of its own partition's task
        sendAt("views", "alice", 1_000);
        sendAt("views", "alice", 2_000);
        sendAt("views", "bob", 1_500);
        sendAt("views", "alice", 12_000);   // closes alice's [0, 10s); [10s, 20s) stays buffered
        sendAt("views", "bob", 11_000);
        var streams = start(topology, "views-app");
        List<ConsumerRecord<Windowed<String>, Long>> first = read("final-views", 2, WINDOWED.deserializer(),
            Serdes.longs().deserializer(), true);
        assertThat(first).extracting(ConsumerRecord::key, ConsumerRecord::value)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(w("alice", 0), 2L),
                org.assertj.core.groups.Tuple.tuple(w("bob", 0), 1L));
        assertThat(streams.close(WAIT)).isTrue();

        // After the restart the window aggregation starts from the stream time saved with the committed offsets
        // (12s) and drops alice's 5s record for [0, 10s); the buffer restored its own stream time too and would drop
        // such an update rather than emit [0, 10s) twice (it still must: a commit may be older than the buffer).
        // The [10s, 20s) windows were only in the buffer: its changelog restores them and 25s closes them.
        sendAt("views", "alice", 5_000);
        sendAt("views", "alice", 25_000);
        sendAt("views", "bob", 25_000);
        try (var restarted = start(topology, "views-app")) {
            List<ConsumerRecord<Windowed<String>, Long>> all = read("final-views", 4, WINDOWED.deserializer(),
                Serdes.longs().deserializer(), true);
            assertThat(all).extracting(ConsumerRecord::key, ConsumerRecord::value).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(w("alice", 0), 2L),
                org.assertj.core.groups.Tuple.tuple(w("bob", 0), 1L),
                org.assertj.core.groups.Tuple.tuple(w("alice", 10_000), 1L),
                org.assertj.core.groups.Tuple.tuple(w("bob", 10_000), 1L));
            // each final result carries the timestamp of the window's last update
            assertThat(all.stream().filter(r -> r.key().equals(w("alice", 10_000))).findFirst().orElseThrow()
                .timestamp()).isEqualTo(12_000);
            assertThat(restarted.state()).isEqualTo(TributaryStreams.State.RUNNING);
        }
    }

    @Test
    void aStreamStreamJoinRepartitionsTheSideWhoseKeyChangedSoEveryPairMeetsInOneTask() {
        createTopics("orders", "payments", "paid-orders");
        StreamsBuilder builder = new StreamsBuilder();
        // orders are keyed by order id, payments by user: the orders are re-keyed by user and repartitioned
        KStream<String, String> byUser = builder.stream("orders", Consumed.with(Serdes.string(), Serdes.string()))
            .selectKey((orderId, userAndItem) -> userAndItem.split(":")[0]);
        byUser.join(builder.stream("payments", Consumed.with(Serdes.string(), Serdes.string())),
                (order, payment) -> order + "/" + payment, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMinutes(1)),
                StreamJoined.<String, String, String>with(Serdes.string(), Serdes.string(), Serdes.string())
                    .withName("orders-by-user"))
            .to("paid-orders", Produced.with(Serdes.string(), Serdes.string()));
        List<String> users = List.of("alice", "bob", "carol", "dave", "erin", "frank");
        for (int i = 0; i < users.size(); i++) {
            producer.send(new ProducerRecord<>("orders", null, 1_000L * i, "order-" + i, users.get(i) + ":item" + i,
                null)).join();
            producer.send(new ProducerRecord<>("payments", null, 1_000L * i + 500, users.get(i), "paid" + i, null))
                .join();
        }
        try (var streams = start(builder.build(), "orders-app")) {
            List<ConsumerRecord<String, String>> paid = read("paid-orders", users.size(),
                Serdes.string().deserializer(), Serdes.string().deserializer(), true);
            assertThat(paid).extracting(ConsumerRecord::key, ConsumerRecord::value).containsExactlyInAnyOrder(
                users.stream().map(u -> org.assertj.core.groups.Tuple.tuple(u, u + ":item" + users.indexOf(u)
                    + "/paid" + users.indexOf(u))).toArray(org.assertj.core.groups.Tuple[]::new));
            // the orders went through the repartition topic, which has as many partitions as the inputs
            assertThat(admin.describeTopics(List.of("orders-app-orders-by-user-left-repartition")).join()
                .get("orders-app-orders-by-user-left-repartition").partitions()).hasSize(2);
            assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
        }
    }
}
