package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.SlidingWindows;
import io.tributary.streams.kstream.TimeWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The same topologies written once with Kafka Streams' DSL ({@link KafkaSide}) and once with ours, fed the same
 * records through Kafka's {@code TopologyTestDriver} (record cache off) and through ours: the output records (key,
 * value, timestamp) must be equal, in order. Windowed keys are turned into "key@start-end" strings on both sides,
 * since the two libraries serialize {@code Windowed} keys differently.
 */
class KafkaStreamsEquivalenceTest {
    private static final Serde<String> S = Serdes.string();
    private static final Consumed<String, String> STRINGS = Consumed.with(S, S);
    private static final Produced<String, String> OUT = Produced.with(S, S);

    /** An input record. */
    record In(String topic, String key, String value, long timestamp) {
    }

    private static In in(String topic, String key, String value, long timestamp) {
        return new In(topic, key, value, timestamp);
    }

    /** Runs our topology on {@code inputs}; returns what went to each of {@code outputs}. */
    static Map<String, List<String>> runOurs(Consumer<StreamsBuilder> define, List<In> inputs, List<String> outputs) {
        StreamsBuilder builder = new StreamsBuilder();
        define.accept(builder);
        try (var driver = new TopologyTestDriver(builder.build(), Map.of("application.id", "equivalence"),
            Instant.ofEpochMilli(0))) {
            Map<String, TestInputTopic<String, String>> topics = new HashMap<>();
            for (In record : inputs) {
                topics.computeIfAbsent(record.topic(), t -> driver.createInputTopic(t, S.serializer(), S.serializer()))
                    .pipeInput(record.key(), record.value(), record.timestamp());
            }
            Map<String, List<String>> out = new HashMap<>();
            for (String topic : outputs) {
                out.put(topic, driver.createOutputTopic(topic, S.deserializer(), S.deserializer())
                    .readRecordsToList().stream().map(r -> r.key() + "=" + r.value() + "@" + r.timestamp()).toList());
            }
            return out;
        }
    }

    /** Asserts both libraries give the same outputs; returns them. */
    private static Map<String, List<String>> assertSame(Consumer<StreamsBuilder> ours,
                                                        Consumer<org.apache.kafka.streams.StreamsBuilder> kafka,
                                                        List<In> inputs, String... outputs) {
        Map<String, List<String>> expected = KafkaSide.run(kafka, inputs, List.of(outputs));
        Map<String, List<String>> actual = runOurs(ours, inputs, List.of(outputs));
        for (String topic : outputs) {
            assertThat(actual.get(topic)).as("records in %s for input %s", topic, inputs)
                .containsExactlyElementsOf(expected.get(topic));
        }
        return actual;
    }

    static void wordCount(StreamsBuilder builder) {
        builder.stream("lines", STRINGS)
            .flatMapValues(line -> Arrays.asList(line.split(" ")))
            .groupBy((k, word) -> word, Grouped.with(S, S))
            .count()
            .toStream().mapValues(String::valueOf).to("counts", OUT);
    }

    static void windowedCount(StreamsBuilder builder) {
        builder.stream("events", STRINGS)
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(5)))
            .count()
            .toStream()
            .map((w, n) -> KeyValue.pair(w.key() + "@" + w.window().start() + "-" + w.window().end(),
                String.valueOf(n)))
            .to("windowed", OUT);
    }

    static void streamTableJoins(StreamsBuilder builder) {
        KTable<String, String> users = builder.table("users", STRINGS);
        KStream<String, String> clicks = builder.stream("clicks", STRINGS);
        clicks.join(users, (click, city) -> click + "/" + city).to("joined", OUT);
        clicks.leftJoin(users, (click, city) -> click + "/" + city).to("left", OUT);
    }

    static void tableAggregate(StreamsBuilder builder) {
        var grouped = builder.table("users", STRINGS)
            .groupBy((user, city) -> KeyValue.pair(city, user), Grouped.with(S, S));
        grouped.count().toStream().mapValues(String::valueOf).to("counts", OUT);
        grouped.aggregate(() -> "", (city, user, agg) -> agg + "+" + user, (city, user, agg) -> agg + "-" + user,
                Materialized.with(S, S))
            .toStream().to("members", OUT);
    }

    static void tableTableJoins(StreamsBuilder builder) {
        KTable<String, String> left = builder.table("left", STRINGS);
        KTable<String, String> right = builder.table("right", STRINGS);
        left.outerJoin(right, (l, r) -> l + "+" + r).toStream().to("outer", OUT);
        left.join(right, (l, r) -> l + "+" + r).toStream().to("inner", OUT);
        left.leftJoin(right, (l, r) -> l + "+" + r).toStream().to("leftjoin", OUT);
    }

    static void tableFilter(StreamsBuilder builder) {
        builder.table("prices", STRINGS)
            .filter((k, v) -> v.length() > 1)
            .toStream().to("filtered", OUT);
        builder.table("named", STRINGS, Materialized.as("named-store"))
            .filter((k, v) -> v.length() > 1)
            .toStream().to("filtered-named", OUT);
    }

    @Test
    void wordCountWithOutOfOrderTimestamps() {
        var out = assertSame(KafkaStreamsEquivalenceTest::wordCount, KafkaSide::wordCount, List.of(
            in("lines", null, "a b a", 100),
            in("lines", "x", "b c", 50),      // earlier than the counts it updates
            in("lines", "y", "c a", 200),
            in("lines", null, "a", 150)), "counts");
        assertThat(out.get("counts")).contains("a=2@100", "b=2@100", "a=4@200");
    }

    @Test
    void windowedCountWithALateRecordInsideTheGracePeriodAndOneDropped() {
        var out = assertSame(KafkaStreamsEquivalenceTest::windowedCount, KafkaSide::windowedCount, List.of(
            in("events", "k", "1", 1_000),
            in("events", "k", "2", 5_000),
            in("events", "k", "4", 12_000),   // next window; stream time 12 s
            in("events", "k", "5", 8_000),    // late, within grace (window 0-10 s closes at 15 s)
            in("events", "j", "6", 16_000),   // stream time 16 s: window 0-10 s is closed
            in("events", "k", "7", 7_000),    // too late: dropped
            in("events", "k", "8", 19_000)), "windowed");
        assertThat(out.get("windowed")).contains("k@0-10000=3@8000").doesNotContain("k@0-10000=4@7000");
    }

    /**
     * An out-of-order record inside an open window: both stamp the update with the latest record time in the window
     * (ours keeps each window's time in its timestamped window store).
     */
    @Test
    void anOutOfOrderRecordInAWindowKeepsTheWindowsLatestTime() {
        var out = assertSame(KafkaStreamsEquivalenceTest::windowedCount, KafkaSide::windowedCount, List.of(
            in("events", "k", "1", 5_000),
            in("events", "k", "2", 3_000),
            in("events", "k", "3", 9_000),
            in("events", "k", "4", 1_000)), "windowed");
        assertThat(out.get("windowed")).containsExactly("k@0-10000=1@5000", "k@0-10000=2@5000",
            "k@0-10000=3@9000", "k@0-10000=4@9000");
    }

    @Test
    void streamTableInnerAndLeftJoin() {
        assertSame(KafkaStreamsEquivalenceTest::streamTableJoins, KafkaSide::streamTableJoins, List.of(
            in("clicks", "alice", "home", 1),      // before the table row
            in("users", "alice", "paris", 2),
            in("clicks", "alice", "cart", 3),
            in("users", "alice", "oslo", 10),
            in("clicks", "alice", "pay", 4),       // an earlier timestamp than the row: joined all the same
            in("users", "alice", null, 11),
            in("clicks", "alice", "exit", 12),
            in("clicks", null, "anon", 13),
            in("clicks", "bob", null, 14)), "joined", "left");
    }

    @Test
    void tableAggregateWithSubtractorWhenRowsChangeGroups() {
        assertSame(KafkaStreamsEquivalenceTest::tableAggregate, KafkaSide::tableAggregate, List.of(
            in("users", "alice", "paris", 10),
            in("users", "bob", "paris", 11),
            in("users", "alice", "oslo", 12),
            in("users", "alice", "oslo", 13),
            in("users", "carol", "oslo", 5),
            in("users", "bob", null, 14),
            in("users", "dave", null, 15),
            in("users", "carol", "paris", 16)), "counts", "members");
    }

    @Test
    void tableTableOuterInnerAndLeftJoin() {
        assertSame(KafkaStreamsEquivalenceTest::tableTableJoins, KafkaSide::tableTableJoins, List.of(
            in("right", "k", "x", 5),
            in("left", "k", "a", 10),
            in("right", "k", "y", 20),
            in("left", "k", "b", 15),
            in("right", "k", null, 21),
            in("left", "k", null, 30),
            in("right", "k", null, 31),
            in("left", "j", "c", 32),
            in("left", "m", null, 33),
            in("right", "j", "z", 34)), "outer", "inner", "leftjoin");
    }

    @Test
    void tableFilterTombstonesDependOnMaterializationAsInKafka() {
        assertSame(KafkaStreamsEquivalenceTest::tableFilter, KafkaSide::tableFilter, List.of(
            in("prices", "a", "12", 1), in("prices", "a", "5", 2), in("prices", "b", "3", 3),
            in("prices", "a", null, 4),
            in("named", "a", "12", 1), in("named", "a", "5", 2), in("named", "b", "3", 3),
            in("named", "a", null, 4), in("named", "a", "77", 5)), "filtered", "filtered-named");
    }

    @Property(tries = 25)
    void randomWordCountsAreTheSame(@ForAll("lines") List<In> inputs) {
        assertSame(KafkaStreamsEquivalenceTest::wordCount, KafkaSide::wordCount, inputs, "counts");
    }

    @Property(tries = 25)
    void randomTableAggregatesAreTheSame(@ForAll("users") List<In> inputs) {
        assertSame(KafkaStreamsEquivalenceTest::tableAggregate, KafkaSide::tableAggregate, inputs, "counts",
            "members");
    }

    @Provide
    Arbitrary<List<In>> lines() {
        Arbitrary<String> word = Arbitraries.of("a", "b", "c", "d");
        Arbitrary<String> line = word.list().ofMinSize(1).ofMaxSize(4).map(w -> String.join(" ", w));
        return Combinators.combine(Arbitraries.of("k1", "k2").injectNull(0.2), line,
                Arbitraries.longs().between(0, 1_000))
            .as((k, l, ts) -> in("lines", k, l, ts)).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<In>> users() {
        return Combinators.combine(Arbitraries.of("u1", "u2", "u3", "u4"),
                Arbitraries.of("paris", "oslo", "rome").injectNull(0.2), Arbitraries.longs().between(0, 1_000))
            .as((u, city, ts) -> in("users", u, city, ts)).list().ofMaxSize(20);
    }

    static void slidingWindows(StreamsBuilder builder) {
        var grouped = builder.stream("events", STRINGS).groupByKey();
        var windowed = grouped.windowedBy(
            SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)));
        windowed.count()
            .toStream()
            .map((w, n) -> KeyValue.pair(w.key() + "@" + w.window().start() + "-" + w.window().end(),
                String.valueOf(n)))
            .to("sliding-count", OUT);
        windowed.aggregate(() -> "", (k, v, agg) -> agg + "+" + v, Materialized.with(S, S))
            .toStream()
            .map((w, agg) -> KeyValue.pair(w.key() + "@" + w.window().start() + "-" + w.window().end(), agg))
            .to("sliding-agg", OUT);
        grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)))
            .reduce((a, b) -> a + "," + b)
            .toStream()
            .map((w, agg) -> KeyValue.pair(w.key() + "@" + w.window().start() + "-" + w.window().end(), agg))
            .to("sliding-reduce", OUT);
    }

    private static Map<String, List<String>> assertSameSliding(List<In> inputs) {
        return assertSame(KafkaStreamsEquivalenceTest::slidingWindows, KafkaSide::slidingWindows, inputs,
            "sliding-count", "sliding-agg", "sliding-reduce");
    }

    /** In-order records (difference 10 ms): a window where each record enters, and one where it leaves if needed. */
    @Test
    void slidingWindowsInOrder() {
        var out = assertSameSliding(List.of(
            in("events", "A", "1", 80), in("events", "A", "2", 92), in("events", "A", "3", 94),
            in("events", "A", "4", 124), in("events", "A", "5", 134)));
        // 92 leaves [81, 91] before any later record falls into it: that window is never made
        assertThat(out.get("sliding-agg")).containsExactly("A@70-80=+1@80", "A@82-92=+2@92", "A@93-103=+3@94",
            "A@84-94=+2+3@94", "A@114-124=+4@124", "A@125-135=+5@134", "A@124-134=+4+5@134");
    }

    @Test
    void slidingWindowsOutOfOrderWithinGraceAndLateBeyondIt() {
        var out = assertSameSliding(List.of(
            in("events", "A", "1", 100), in("events", "A", "2", 110),
            in("events", "A", "3", 95),    // out of order: into [90,100] and a new right window [96,106]
            in("events", "A", "4", 104),   // between two records: several windows updated, right window from them
            in("events", "A", "5", 120),   // stream time 120: windows ending before 115 are closed
            in("events", "A", "6", 103),   // within grace for [96,106]... and [101,111]; its left window is closed
            in("events", "A", "7", 101),   // right window [102,112] open, left [91,101] closed
            in("events", "A", "8", 100),   // late beyond grace: every window it could touch is closed
            in("events", "A", "9", 112),
            in("events", "A", "10", 130), in("events", "A", "11", 90),
            in("events", "B", "12", 130), in("events", "B", "13", 140),  // stream time 140, windows before 135 closed
            in("events", "B", "14", 125),  // [124,134] closed at once: the right window [126,136] still takes 130
            in("events", "B", "15", 124),  // right window end 135: still open, but the record is dropped (Kafka's rule)
            in("events", "B", "16", 135)));  // [125,135] is open: stream time 140 = end + grace
        assertThat(out.get("sliding-agg")).noneMatch(r -> r.contains("+8") || r.contains("+15"))
            .contains("B@126-136=+12@130", "B@125-135=+12+16@135").noneMatch(r -> r.startsWith("B@115-125"));
    }

    @Test
    void slidingWindowsEarlyRecordsShareTheFirstWindow() {
        assertSameSliding(List.of(
            in("events", "A", "1", 5), in("events", "A", "2", 2), in("events", "A", "3", 8),
            in("events", "A", "4", 2), in("events", "A", "5", 0), in("events", "A", "6", 10),
            in("events", "A", "7", 13), in("events", "A", "8", 3), in("events", "A", "9", 25),
            in("events", "A", "10", 9)));
    }

    @Test
    void slidingWindowsSeveralKeysAndDuplicateTimestamps() {
        assertSameSliding(List.of(
            in("events", "A", "1", 50), in("events", "B", "2", 52), in("events", "A", "3", 55),
            in("events", "B", "4", 52), in("events", "A", "5", 50), in("events", "B", "6", 62),
            in("events", "A", "7", 60), in("events", "A", "8", 66), in("events", "B", "9", 49),
            in("events", null, "10", 60), in("events", "A", null, 61)));
    }

    @Property(tries = 40)
    void randomSlidingWindowsAreTheSame(@ForAll("events") List<In> inputs) {
        assertSameSliding(inputs);
    }

    @Provide
    Arbitrary<List<In>> events() {
        return Combinators.combine(Arbitraries.of("A", "B"), Arbitraries.integers().between(0, 99),
                Arbitraries.longs().between(0, 60))
            .as((k, v, ts) -> in("events", k, String.valueOf(v), ts)).list().ofMaxSize(25);
    }
}
