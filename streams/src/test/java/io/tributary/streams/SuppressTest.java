package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.SessionWindows;
import io.tributary.streams.kstream.Suppressed;
import io.tributary.streams.kstream.Suppressed.BufferConfig;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import io.tributary.streams.test.TestRecord;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code KTable.suppress} through the {@link TopologyTestDriver}. */
class SuppressTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());

    private static Windowed<String> w(String key, long start, long end) {
        return new Windowed<>(key, new Window(start, end));
    }

    private static <K> TestRecord<K, Long> rec(K key, long value, long timestamp) {
        return new TestRecord<>(key, value, List.of(), timestamp);
    }

    /** Pipes {@code key@timestamp} records into "clicks" and returns what reached "out" meanwhile. */
    private static final class Run<K> implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> in;
        final TestOutputTopic<K, Long> out;

        Run(Topology topology, io.tributary.clients.serialization.Deserializer<K> keys) {
            driver = new TopologyTestDriver(topology);
            in = driver.createInputTopic("clicks", Serdes.string().serializer(), Serdes.string().serializer());
            out = driver.createOutputTopic("out", keys, Serdes.longs().deserializer());
        }

        List<TestRecord<K, Long>> pipe(Object... keysAndTimes) {
            for (int i = 0; i < keysAndTimes.length; i += 2) {
                in.pipeInput((String) keysAndTimes[i], "x", ((Number) keysAndTimes[i + 1]).longValue());
            }
            return out.readRecordsToList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static Topology windowed(Function<KTable<Windowed<String>, Long>, KTable<Windowed<String>, Long>> op,
                                     boolean sessions) {
        StreamsBuilder builder = new StreamsBuilder();
        var grouped = builder.stream("clicks", STRINGS).groupByKey();
        KTable<Windowed<String>, Long> counts = sessions
            ? grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(10))).count()
            : grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5))).count();
        op.apply(counts).toStream().to("out");
        return builder.build();
    }

    private static Topology counted(Suppressed<Object> suppressed) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", STRINGS).groupByKey().count(Materialized.as("counts")).suppress(suppressed)
            .toStream().to("out");
        return builder.build();
    }

    @Test
    void timeWindowsEmitOneFinalResultOnceStreamTimePassesEndPlusGrace() {
        var untilClosed = Suppressed.untilWindowCloses(BufferConfig.unbounded());
        try (var run = new Run<>(windowed(t -> t.suppress(untilClosed), false),
            WindowedSerdes.windowed(Serdes.string()).deserializer())) {
            assertThat(run.pipe("a", 0, "a", 3, "b", 4, "a", 12)).isEmpty();
            // stream time 14 < 10 + 5: window [0,10) still takes a late record
            assertThat(run.pipe("a", 14, "a", 8)).isEmpty();
            assertThat(run.pipe("b", 15)).containsExactly(rec(w("a", 0, 10), 3, 8), rec(w("b", 0, 10), 1, 4));
            assertThat(run.pipe("a", 9, "b", 24)).isEmpty();    // a@9 is too late: dropped upstream
            assertThat(run.pipe("c", 25)).containsExactly(rec(w("a", 10, 20), 2, 14), rec(w("b", 10, 20), 1, 15));
            assertThat(run.driver.getWindowStore("clicks-window-count-1-store").fetch("a", 10)).isEqualTo(2L);
        }
    }

    @Test
    void sessionWindowsEmitTheFinalSessionOnlyAndNeverTheMergedAwayOnes() {
        var untilClosed = Suppressed.untilWindowCloses(BufferConfig.unbounded()).withName("final-sessions");
        try (var run = new Run<>(windowed(t -> t.suppress(untilClosed), true),
            WindowedSerdes.windowed(Serdes.string()).deserializer())) {
            assertThat(run.pipe("a", 0, "a", 5, "b", 8, "a", 15)).isEmpty();  // a: [0,15] with 3 records
            // b's session [8,8] closes after 8 + gap 10: at stream time 19, not 18 (a record at 18 could still join)
            assertThat(run.pipe("a", 18)).isEmpty();
            assertThat(run.pipe("c", 19)).containsExactly(rec(w("b", 8, 8), 1, 8));
            assertThat(run.pipe("c", 40)).containsExactly(rec(w("a", 0, 18), 4, 18), rec(w("c", 19, 19), 1, 19));
            assertThat(run.driver.getAllStateStores()).containsKey("final-sessions-store");
        }
    }

    @Test
    void untilTimeLimitEmitsEachKeysLatestValueALimitAfterItsFirstBufferedUpdate() {
        try (var run = new Run<>(counted(Suppressed.untilTimeLimit(Duration.ofMillis(10), BufferConfig.unbounded())),
            Serdes.string().deserializer())) {
            assertThat(run.pipe("a", 0, "a", 5, "b", 6, "a", 9)).isEmpty();
            assertThat(run.pipe("c", 10)).containsExactly(rec("a", 3, 9));
            assertThat(run.pipe("b", 12, "a", 13)).isEmpty();
            // c's update at 16 does not push its emission (due at 10 + 10) back
            assertThat(run.pipe("c", 16)).containsExactly(rec("b", 2, 12));
            assertThat(run.pipe("d", 23)).containsExactly(rec("c", 2, 16), rec("a", 4, 13));
            // a time limit of zero emits every update at once
        }
        try (var run = new Run<>(counted(Suppressed.untilTimeLimit(Duration.ZERO, BufferConfig.unbounded())),
            Serdes.string().deserializer())) {
            assertThat(run.pipe("a", 0, "a", 0)).containsExactly(rec("a", 1, 0), rec("a", 2, 0));
        }
    }

    @Test
    void aFullEagerBufferEmitsItsOldestKeysEarly() {
        var byRecords = Suppressed.untilTimeLimit(Duration.ofHours(1), BufferConfig.maxRecords(2));
        try (var run = new Run<>(counted(byRecords), Serdes.string().deserializer())) {
            assertThat(run.pipe("a", 0, "b", 1, "a", 2)).isEmpty();
            assertThat(run.pipe("c", 3)).containsExactly(rec("a", 2, 2));
            assertThat(run.pipe("d", 4)).containsExactly(rec("b", 1, 1));
        }
        // one key takes 1 + 1 key bytes and 16 + 2 * 4 + 8 (the prior value is null) value bytes: 34
        var byBytes = Suppressed.untilTimeLimit(Duration.ofHours(1), BufferConfig.maxBytes(70));
        try (var run = new Run<>(counted(byBytes), Serdes.string().deserializer())) {
            assertThat(run.pipe("a", 0, "b", 1)).isEmpty();
            assertThat(run.pipe("c", 2)).containsExactly(rec("a", 1, 0));
        }
    }

    @Test
    void aFullStrictBufferStopsTheApplication() {
        var strict = Suppressed.untilWindowCloses(BufferConfig.maxRecords(1).shutDownWhenFull());
        try (var run = new Run<>(windowed(t -> t.suppress(strict), false),
            WindowedSerdes.windowed(Serdes.string()).deserializer())) {
            run.pipe("a", 0);
            assertThatThrownBy(() -> run.pipe("b", 1)).isInstanceOf(StreamsException.class)
                .hasMessageContaining("is full: 2 records (limit 1)");
        }
    }

    @Test
    void untilWindowClosesNeedsAWindowedTable() {
        StreamsBuilder builder = new StreamsBuilder();
        // windowed keys read from a topic: the type fits, but no window aggregation says when a window closes
        KTable<Windowed<String>, Long> counts = builder.stream("clicks",
            Consumed.with(WindowedSerdes.windowed(Serdes.string()), Serdes.string())).groupByKey().count();
        assertThatThrownBy(() -> counts.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded())))
            .isInstanceOf(TopologyException.class).hasMessageContaining("the table is not windowed");
        assertThat(counts.suppress(Suppressed.untilTimeLimit(Duration.ZERO, BufferConfig.unbounded()))
            .queryableStoreName()).isNull();
        assertThat(builder.build().describe().toString()).contains("KTABLE-SUPPRESS", "clicks-suppress-1-store");
    }
}
