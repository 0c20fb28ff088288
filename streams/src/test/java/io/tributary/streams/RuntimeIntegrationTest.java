package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.admin.MemberDescription;
import io.tributary.clients.admin.OffsetSpec;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.streams.errors.InvalidStateStoreException;
import io.tributary.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.QueryableStoreTypes;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import io.tributary.streams.state.ReadOnlyWindowStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The multi-threaded runtime on broker-lite: threads and instances, states, handlers, interactive queries. */
class RuntimeIntegrationTest extends EmbeddedStreamsTest {
    private static final List<String> WORDS = List.of("ant", "bee", "cat", "dog", "eel", "fox", "gnu");

    @Test
    void twoThreadsThenTwoInstancesShareFourPartitionsWithExactCounts() {
        createTopics(4, "lines4");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines4", Consumed.with(Serdes.string(), Serdes.string()))
            .flatMapValues(line -> List.of(line.split(" ")))
            .groupBy((k, word) -> word, Grouped.<String, String>as("by-word").withKeySerde(Serdes.string()).withValueSerde(Serdes.string()))
            .count(Materialized.as("word-counts"))
            .toStream()
            .to("word-counts4", Produced.with(Serdes.string(), Serdes.longs()));
        Topology topology = builder.build();
        Map<String, Long> expected = new HashMap<>();
        int updates = sendLines(0, 20, expected);

        List<TributaryStreams.State> statesA = new CopyOnWriteArrayList<>();
        // a short heartbeat: the running members hear of the new instance's join sooner (default 3 s)
        Map<String, String> settings = Map.of("num.stream.threads", "2", "consumer.heartbeat.interval.ms", "300");
        TributaryStreams a = create(topology, "wc4", settings);
        a.setStateListener((now, before) -> statesA.add(now));
        TributaryStreams b = create(topology, "wc4", settings);
        try {
            a.start();
            await().atMost(WAIT).until(() -> a.state() == TributaryStreams.State.RUNNING);
            List<ThreadMetadata> threads = a.metadataForLocalThreads();
            assertThat(threads).extracting(ThreadMetadata::threadName)
                .containsExactlyInAnyOrder("wc4-StreamThread-1", "wc4-StreamThread-2");
            assertThat(threads).allSatisfy(t -> assertThat(t.activeTasks()).hasSize(2));
            assertThat(threads.stream().flatMap(t -> t.activeTasks().stream()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(0, 1, 2, 3);
            read("word-counts4", updates, Serdes.string().deserializer(), Serdes.longs().deserializer(), false);

            b.start();
            await().atMost(WAIT).until(() -> b.state() == TributaryStreams.State.RUNNING
                && a.state() == TributaryStreams.State.RUNNING
                && a.metadataForLocalThreads().stream().allMatch(t -> t.activeTasks().size() == 1));
            assertThat(b.metadataForLocalThreads()).allSatisfy(t -> assertThat(t.activeTasks()).hasSize(1));
            // partition p of the source and of the repartition topic always sit with the same member
            for (MemberDescription m : admin.describeConsumerGroups(List.of("wc4")).join().get("wc4").members()) {
                Map<String, Set<Integer>> byTopic = new HashMap<>();
                m.assignment().partitions().forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new TreeSet<>())
                    .add(tp.partition()));
                assertThat(byTopic).containsOnlyKeys("lines4", "wc4-by-word-repartition");
                assertThat(byTopic.get("lines4")).isEqualTo(byTopic.get("wc4-by-word-repartition")).hasSize(1);
            }
            updates += sendLines(20, 40, expected);

            // every word's updates are exactly 1..n: no task ran twice or lost its state in the hand-over
            List<ConsumerRecord<String, Long>> out = read("word-counts4", updates, Serdes.string().deserializer(),
                Serdes.longs().deserializer(), true);
            assertThat(out).hasSize(updates);
            Map<String, List<Long>> perWord = new HashMap<>();
            out.forEach(r -> perWord.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
            expected.forEach((word, n) -> assertThat(perWord.get(word)).as(word)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, n).boxed().toList()));
            assertThat(statesA).startsWith(TributaryStreams.State.REBALANCING, TributaryStreams.State.RUNNING,
                TributaryStreams.State.REBALANCING, TributaryStreams.State.RUNNING);
        } finally {
            assertThat(b.close(WAIT)).isTrue();
            assertThat(a.close(WAIT)).isTrue();
        }
    }

    /** Sends lines {@code from..to-1} (keys spread over the partitions); returns the number of words sent. */
    private int sendLines(int from, int to, Map<String, Long> counts) {
        int words = 0;
        for (int i = from; i < to; i++) {
            String line = WORDS.get(i % WORDS.size()) + " " + WORDS.get((i * 3 + 1) % WORDS.size());
            for (String w : line.split(" ")) {
                counts.merge(w, 1L, Long::sum);
                words++;
            }
            send("lines4", "line-" + i, line);
        }
        return words;
    }

    @Test
    void interactiveQueriesReadEveryLocalTaskWhileRunning() {
        createTopics("iq-in");
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("iq-in", Consumed.with(Serdes.string(), Serdes.string()));
        in.groupByKey().count(Materialized.as("iq-counts")).toStream()
            .to("iq-counts-out", Produced.with(Serdes.string(), Serdes.longs()));
        in.groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
            .count(Materialized.as("iq-windows"));
        TributaryStreams streams = create(builder.build(), "iq-app", Map.of());
        assertThatThrownBy(() -> streams.keyValueStore("iq-counts")).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("CREATED");

        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            String key = "user-" + (i % 6);
            expected.merge(key, 1L, Long::sum);
            producer.send(new ProducerRecord<>("iq-in", null, 60_000L + i, key, "x", List.of())).join();
        }
        try {
            streams.start();
            read("iq-counts-out", 30, Serdes.string().deserializer(), Serdes.longs().deserializer(), false);
            await().atMost(WAIT).until(() -> streams.state() == TributaryStreams.State.RUNNING);

            ReadOnlyKeyValueStore<String, Long> counts = streams.store("iq-counts",
                QueryableStoreTypes.keyValueStore());
            expected.forEach((k, n) -> assertThat(counts.get(k)).as(k).isEqualTo(n));
            assertThat(counts.get("nobody")).isNull();
            assertThat(counts.approximateNumEntries()).isEqualTo(6);
            Map<String, Long> all = new HashMap<>();
            try (KeyValueIterator<String, Long> it = counts.all()) {
                it.forEachRemaining(kv -> all.put(kv.key(), kv.value()));
            }
            assertThat(all).isEqualTo(expected); // keys of both tasks
            Set<String> ranged = new HashSet<>();
            try (KeyValueIterator<String, Long> it = counts.range("user-1", "user-3")) {
                it.forEachRemaining(kv -> ranged.add(kv.key()));
            }
            assertThat(ranged).containsExactlyInAnyOrder("user-1", "user-2", "user-3");

            ReadOnlyWindowStore<String, Long> windows = streams.windowStore("iq-windows");
            // every record is in the window [60000, 120000)
            expected.forEach((k, n) -> assertThat(windows.fetch(k, 60_000L)).as(k).isEqualTo(n));
            assertThat(windows.fetch("user-0", 0L)).isNull();
            List<Windowed<String>> windowed = new ArrayList<>();
            try (KeyValueIterator<Windowed<String>, Long> it = windows.fetchAll(0, Long.MAX_VALUE)) {
                it.forEachRemaining(kv -> windowed.add(kv.key()));
            }
            assertThat(windowed).hasSize(6);

            assertThatThrownBy(() -> streams.keyValueStore("no-such-store"))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("unknown");
            assertThatThrownBy(() -> streams.windowStore("iq-counts"))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("not of the queried type");
        } finally {
            assertThat(streams.close(WAIT)).isTrue();
        }
        ReadOnlyKeyValueStore<String, Long> afterClose = null;
        assertThatThrownBy(() -> streams.keyValueStore("iq-counts")).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("NOT_RUNNING");
        assertThat(afterClose).isNull();
    }

    /** Integers written as text; "x" cannot be read. */
    private static final Serde<Integer> TEXT_INT = Serde.of(
        (topic, n) -> n.toString().getBytes(StandardCharsets.UTF_8),
        (topic, bytes) -> Integer.parseInt(new String(bytes, StandardCharsets.UTF_8)));

    private static Topology doubler(String in, String out) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.string(), TEXT_INT)).mapValues(n -> n * 2)
            .to(out, Produced.with(Serdes.string(), TEXT_INT));
        return builder.build();
    }

    @Test
    void theDeserializationHandlerSkipsOrFailsAndStatesFollowKafkas() {
        createTopics("numbers");
        for (String v : List.of("1", "x", "3")) {
            send("numbers", "k", v);
        }
        List<TributaryStreams.State> continueStates = new CopyOnWriteArrayList<>();
        TributaryStreams skipping = create(doubler("numbers", "doubled"), "deser-continue",
            Map.of("default.deserialization.exception.handler",
                "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler"));
        skipping.setStateListener((now, before) -> continueStates.add(now));
        skipping.start();
        try {
            List<ConsumerRecord<String, String>> out = read("doubled", 2, Serdes.string().deserializer(),
                Serdes.string().deserializer(), true);
            assertThat(out).extracting(ConsumerRecord::value).containsExactly("2", "6");
            awaitCommittedToEnd("deser-continue", "numbers");
            assertThat(skipping.state()).isEqualTo(TributaryStreams.State.RUNNING);
        } finally {
            assertThat(skipping.close(WAIT)).isTrue();
        }
        assertThat(continueStates).containsExactly(TributaryStreams.State.REBALANCING, TributaryStreams.State.RUNNING,
            TributaryStreams.State.PENDING_SHUTDOWN, TributaryStreams.State.NOT_RUNNING);

        List<TributaryStreams.State> failStates = new CopyOnWriteArrayList<>();
        TributaryStreams failing = create(doubler("numbers", "doubled-too"), "deser-fail", Map.of());
        failing.setStateListener((now, before) -> failStates.add(now));
        failing.start();
        await().atMost(WAIT).until(() -> failing.state() == TributaryStreams.State.ERROR);
        assertThat(failing.failure()).isInstanceOf(StreamsException.class)
            .hasMessageContaining("cannot deserialize the record at numbers-");
        assertThat(failing.close(WAIT)).isTrue();
        assertThat(failing.state()).isEqualTo(TributaryStreams.State.ERROR);
        assertThat(failStates).containsExactly(TributaryStreams.State.REBALANCING, TributaryStreams.State.RUNNING,
            TributaryStreams.State.PENDING_ERROR, TributaryStreams.State.ERROR);
    }

    @Test
    void theProductionHandlerDropsOrFailsARecordThatCannotBeSent() {
        createTopics("sizes");
        send("sizes", "k", "1");
        send("sizes", "k", "9".repeat(400)); // too large for max.request.size below
        send("sizes", "k", "3");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("sizes", Consumed.with(Serdes.string(), Serdes.string())).to("sizes-out");
        Topology topology = builder.build();
        TributaryStreams dropping = create(topology, "prod-continue", Map.of("producer.max.request.size", "300",
            "default.production.exception.handler",
            "io.tributary.streams.errors.LogAndContinueProductionExceptionHandler"));
        dropping.start();
        try {
            assertThat(read("sizes-out", 2, Serdes.string().deserializer(), Serdes.string().deserializer(), true))
                .extracting(ConsumerRecord::value).containsExactly("1", "3");
            awaitCommittedToEnd("prod-continue", "sizes");
        } finally {
            assertThat(dropping.close(WAIT)).isTrue();
        }
        TributaryStreams failing = create(topology, "prod-fail", Map.of("producer.max.request.size", "300"));
        failing.start();
        await().atMost(WAIT).until(() -> failing.state() == TributaryStreams.State.ERROR);
        assertThat(failing.failure()).hasMessageContaining("max.request.size");
        failing.close(WAIT);
    }

    @Test
    void replaceThreadKeepsTheInstanceRunningAfterAThreadDies() {
        createTopics("jobs");
        AtomicBoolean exploded = new AtomicBoolean();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("jobs", Consumed.with(Serdes.string(), Serdes.string()))
            .peek((k, v) -> {
                if (v.equals("boom") && exploded.compareAndSet(false, true)) {
                    throw new IllegalStateException("boom, once");
                }
            })
            .mapValues(v -> v.toUpperCase())
            .to("jobs-done", Produced.with(Serdes.string(), Serdes.string()));
        List<String> jobs = List.of("a", "b", "boom", "c", "d");
        jobs.forEach(j -> send("jobs", j, j));

        AtomicInteger handled = new AtomicInteger();
        List<TributaryStreams.State> states = new CopyOnWriteArrayList<>();
        TributaryStreams streams = create(builder.build(), "replacing", Map.of());
        streams.setUncaughtExceptionHandler(e -> {
            handled.incrementAndGet();
            assertThat(e).hasMessage("boom, once");
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> states.add(now));
        streams.start();
        try {
            // records processed but not committed before the failure may come twice (at-least-once)
            Set<String> done = new HashSet<>();
            try (var consumer = io.tributary.clients.consumer.TributaryConsumer.create(Map.of("bootstrap.servers",
                bootstrap, "group.id", "jobs-reader", "auto.offset.reset", "earliest"), Serdes.string().deserializer(),
                Serdes.string().deserializer())) {
                consumer.subscribe(List.of("jobs-done"));
                await().atMost(WAIT).until(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> done.add(r.value()));
                    return done.size() == jobs.size();
                });
            }
            assertThat(done).containsExactlyInAnyOrder("A", "B", "BOOM", "C", "D");
            await().atMost(WAIT).until(() -> streams.state() == TributaryStreams.State.RUNNING);
            assertThat(handled).hasValue(1);
            assertThat(streams.failure()).isNull();
            assertThat(streams.metadataForLocalThreads()).singleElement().satisfies(t -> {
                assertThat(t.threadName()).isEqualTo("replacing-StreamThread-1");
                assertThat(t.activeTasks()).containsExactlyInAnyOrder(0, 1);
            });
            assertThat(states).containsSubsequence(TributaryStreams.State.RUNNING, TributaryStreams.State.REBALANCING,
                TributaryStreams.State.RUNNING).doesNotContain(TributaryStreams.State.PENDING_ERROR);
        } finally {
            assertThat(streams.close(WAIT)).isTrue();
        }
    }

    private void awaitCommittedToEnd(String group, String topic) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(specs).join().forEach((tp, info) -> {
            if (info.offset() > 0) { // nothing consumed, nothing committed
                ends.put(tp, info.offset());
            }
        });
        await().atMost(WAIT).untilAsserted(() -> {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(group).join().forEach((tp, om) -> committed.put(tp, om.offset()));
            assertThat(committed).isEqualTo(ends);
        });
    }
}
