package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.SessionWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.SessionStore;
import io.tributary.streams.state.Stores;
import io.tributary.streams.test.TestRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Session-windowed aggregations through the {@link TopologyTestDriver}. */
class SessionWindowsTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());

    private static Windowed<String> session(String key, long start, long end) {
        return new Windowed<>(key, new Window(start, end));
    }

    /** A topology counting "clicks" per session of {@code windows} into the store "sessions", written to "out". */
    private static Topology counting(SessionWindows windows) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", STRINGS).groupByKey().windowedBy(windows)
            .count(Materialized.as("sessions")).toStream().to("out");
        return builder.build();
    }

    private static <V> void check(TopologyTestDriver driver, Function<TopologyTestDriver, List<TestRecord<Windowed<String>, V>>> read,
                                  List<TestRecord<Windowed<String>, V>> expected) {
        assertThat(read.apply(driver)).containsExactlyElementsOf(expected);
    }

    private static List<TestRecord<Windowed<String>, Long>> counts(TopologyTestDriver driver) {
        return driver.createOutputTopic("out", WindowedSerdes.windowed(Serdes.string()).deserializer(),
            Serdes.longs().deserializer()).readRecordsToList();
    }

    private static TestRecord<Windowed<String>, Long> rec(Windowed<String> key, Long value, long timestamp) {
        return new TestRecord<>(key, value, List.of(), timestamp);
    }

    @Test
    void recordsWithinTheGapMergeSessionsAndEachMergedSessionIsDeletedDownstreamFirst() {
        // with a grace period the earlier sessions are still held when a late record bridges them
        try (var driver = new TopologyTestDriver(counting(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(20))))) {
            var in = driver.createInputTopic("clicks", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 5);
            in.pipeInput("b", "x", 7);
            check(driver, SessionWindowsTest::counts, List.of(
                rec(session("a", 0, 0), 1L, 0),
                rec(session("a", 0, 0), null, 0), rec(session("a", 0, 5), 2L, 5),
                rec(session("b", 7, 7), 1L, 7)));

            in.pipeInput("a", "x", 30);   // more than a gap after 5: a new session
            in.pipeInput("a", "x", 20);   // joins [30,30] (starts within a gap after 20) but not [0,5]
            in.pipeInput("a", "x", 15);   // bridges [0,5] and [20,30]: one session of 5 records
            check(driver, SessionWindowsTest::counts, List.of(
                rec(session("a", 30, 30), 1L, 30),
                rec(session("a", 30, 30), null, 30), rec(session("a", 20, 30), 2L, 30),
                rec(session("a", 0, 5), null, 5), rec(session("a", 20, 30), null, 30),
                rec(session("a", 0, 30), 5L, 30)));

            in.pipeInput("a", "x", 12);   // inside [0,30]: Kafka still deletes and re-adds the unchanged window
            check(driver, SessionWindowsTest::counts, List.of(
                rec(session("a", 0, 30), null, 30), rec(session("a", 0, 30), 6L, 30)));

            SessionStore<String, Long> store = driver.getSessionStore("sessions");
            List<KeyValue<Windowed<String>, Long>> all = new ArrayList<>();
            try (KeyValueIterator<Windowed<String>, Long> it = store.fetch(null, null)) {
                it.forEachRemaining(all::add);
            }
            assertThat(all).containsExactly(KeyValue.pair(session("a", 0, 30), 6L), KeyValue.pair(session("b", 7, 7), 1L));
            assertThat(store.fetchSession("a", 0, 30)).isEqualTo(6L);
            assertThat(store.fetchSession("a", 0, 5)).isNull();
            try (var it = store.findSessions("a", 31, 100)) {
                assertThat(it.hasNext()).isFalse();
            }
            try (var it = store.findSessions("a", 30, 0)) {
                assertThat(it.next()).isEqualTo(KeyValue.pair(session("a", 0, 30), 6L));
            }
            // the merged-away sessions were removed from the store with changelog tombstones
            var changelog = driver.createOutputTopic("topology-test-driver-sessions-changelog",
                Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer()).readRecordsToList();
            assertThat(changelog.stream().filter(r -> r.value() == null)).hasSize(4);
        }
    }

    @Test
    void aRecordForASessionClosedBeyondTheGraceIsDropped() {
        // gap 10, grace 5: at stream time 100 a session ending before 85 can no longer change
        try (var driver = new TopologyTestDriver(counting(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(5))))) {
            var in = driver.createInputTopic("clicks", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeInput("b", "x", 100);
            in.pipeInput("a", "x", 84);   // dropped: its session would end at 84 < 100 - 10 - 5
            in.pipeInput("a", "x", 85);   // still accepted
            in.pipeInput("a", "x", 95);
            in.pipeInput("a", "x", 76);   // late, but it joins [85,95] whose end is still open: accepted
            check(driver, SessionWindowsTest::counts, List.of(
                rec(session("b", 100, 100), 1L, 100),
                rec(session("a", 85, 85), 1L, 85),
                rec(session("a", 85, 85), null, 85), rec(session("a", 85, 95), 2L, 95),
                rec(session("a", 85, 95), null, 95), rec(session("a", 76, 95), 3L, 95)));
            in.pipeInput("b", "x", 200);
            in.pipeInput("a", "x", 120);  // [70,95] ends before 200 - 15: a lone late record, dropped
            check(driver, SessionWindowsTest::counts, List.of(rec(session("b", 200, 200), 1L, 200)));
        }
    }

    @Test
    void reduceAndAggregateMergeSessionsWithTheirReducerOrMerger() {
        StreamsBuilder builder = new StreamsBuilder();
        var grouped = builder.stream("clicks", STRINGS).groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(20)));
        grouped.reduce((a, b) -> a + "+" + b).toStream().to("reduced");
        grouped.aggregate(() -> 0, (k, v, n) -> n + v.length(), (k, a, b) -> a + b,
                Materialized.<String, Integer>as("lengths").withValueSerde(Serdes.integer()))
            .toStream().to("lengths");
        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = driver.createInputTopic("clicks", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "yy", 20);
            in.pipeInput("a", "zzz", 10);  // bridges both
            var reduced = driver.createOutputTopic("reduced", WindowedSerdes.windowed(Serdes.string()).deserializer(),
                Serdes.string().deserializer()).readKeyValuesToList();
            assertThat(reduced).containsExactly(KeyValue.pair(session("a", 0, 0), "x"),
                KeyValue.pair(session("a", 20, 20), "yy"), KeyValue.pair(session("a", 0, 0), null),
                KeyValue.pair(session("a", 20, 20), null), KeyValue.pair(session("a", 0, 20), "x+yy+zzz"));
            var lengths = driver.createOutputTopic("lengths", WindowedSerdes.windowed(Serdes.string()).deserializer(),
                Serdes.integer().deserializer()).readKeyValuesToMap();
            assertThat(lengths).containsEntry(session("a", 0, 20), 6);
            assertThat(driver.getAllStateStores()).containsKeys("clicks-session-reduce-1-store", "lengths");
        }
    }

    @Test
    void retentionShorterThanGapPlusGraceAndTheWrongStoreKindAreRefused() {
        StreamsBuilder builder = new StreamsBuilder();
        var sessions = builder.stream("clicks", STRINGS).groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)));
        assertThatThrownBy(() -> sessions.count(Materialized.as(Stores.inMemorySessionStore("s", Duration.ofMillis(14)))))
            .isInstanceOf(TopologyException.class).hasMessageContaining("needs at least 15 ms");
        assertThatThrownBy(() -> sessions.count(Materialized.<String, Long>as("t").withRetention(Duration.ofMillis(3))))
            .isInstanceOf(TopologyException.class).hasMessageContaining("shorter than the inactivity gap plus grace");
        assertThatThrownBy(() -> sessions.count(Materialized.as(Stores.inMemoryKeyValueStore("kv"))))
            .isInstanceOf(TopologyException.class).hasMessageContaining("where a session store is needed");
        var ungrouped = builder.stream("other", STRINGS).groupByKey();
        assertThatThrownBy(() -> ungrouped.count(Materialized.as(Stores.inMemorySessionStore("u", Duration.ofMillis(1)))))
            .isInstanceOf(TopologyException.class).hasMessageContaining("where a key-value store is needed");
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapWithNoGrace(Duration.ZERO))
            .hasMessageContaining("inactivityGap : 0 ms (expected: > 0)");
        assertThat(sessions.count(Materialized.as(Stores.inMemorySessionStore("s", Duration.ofMillis(15))))
            .queryableStoreName()).isEqualTo("s");
    }
}
