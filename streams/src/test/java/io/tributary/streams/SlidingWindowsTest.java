package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.SlidingWindows;
import io.tributary.streams.kstream.Suppressed;
import io.tributary.streams.kstream.Suppressed.BufferConfig;
import io.tributary.streams.kstream.TimeWindowedKStream;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import io.tributary.streams.state.WindowStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sliding windows beyond what {@code KafkaStreamsEquivalenceTest} compares with Kafka Streams: arguments, store names
 * and retention, the store's contents, and {@code suppress} on a sliding-window count.
 */
class SlidingWindowsTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());
    private static final SlidingWindows TEN_GRACE_FIVE =
        SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(5));

    @Test
    void argumentsAreChecked() {
        assertThat(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1)))
            .isEqualTo(new SlidingWindows(1000, 0));
        assertThat(TEN_GRACE_FIVE).isEqualTo(new SlidingWindows(10, 5));
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeDifference");
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(5), Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
    }

    @Test
    void unnamedStoresGetDerivedNamesAndKeepTwoDifferencesPlusGrace() {
        StreamsBuilder builder = new StreamsBuilder();
        TimeWindowedKStream<String, String> windowed = builder.stream("clicks", STRINGS).groupByKey()
            .windowedBy(TEN_GRACE_FIVE);
        windowed.count();
        windowed.reduce((a, b) -> a + b);
        windowed.aggregate(() -> "", (k, v, agg) -> agg + v, Materialized.with(Serdes.string(), Serdes.string()));
        Topology topology = builder.build();
        try (var driver = new TopologyTestDriver(topology)) {
            WindowStore<String, Long> counts = driver.getWindowStore("clicks-sliding-count-1-store");
            assertThat(counts.windowSize()).isEqualTo(10);
            assertThat(counts.retentionPeriod()).isEqualTo(25);
            assertThat(driver.getWindowStore("clicks-sliding-reduce-1-store")).isNotNull();
            assertThat(driver.getWindowStore("clicks-sliding-aggregate-1-store")).isNotNull();
        }
        assertThatThrownBy(() -> new TopologyTestDriver(topology, Map.of("topology.require.names", "true")))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("store clicks-sliding-count-1-store of sliding-count")
            .hasMessageContaining("store clicks-sliding-reduce-1-store of sliding-reduce")
            .hasMessageContaining("store clicks-sliding-aggregate-1-store of sliding-aggregate");

        StreamsBuilder tooShort = new StreamsBuilder();
        var grouped = tooShort.stream("clicks", STRINGS).groupByKey().windowedBy(TEN_GRACE_FIVE);
        assertThatThrownBy(() -> grouped.count(Materialized.<String, Long>as("c").withRetention(Duration.ofMillis(24))))
            .isInstanceOf(TopologyException.class).hasMessageContaining("retention 24 ms");
    }

    @Test
    void theStoreHoldsEveryWindowWithItsAggregate() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", STRINGS).groupByKey().windowedBy(TEN_GRACE_FIVE)
            .aggregate(() -> "", (k, v, agg) -> agg + v, Materialized.<String, String>as("letters")
                .withKeySerde(Serdes.string()).withValueSerde(Serdes.string()));
        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = driver.createInputTopic("clicks", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeInput("k", "a", 20);
            in.pipeInput("k", "b", 25);
            in.pipeInput("k", "c", 40);
            in.pipeInput("k", "d", 33);  // out of order: into [30, 40] and a new [26, 36]; its [23, 33] is closed
            WindowStore<String, String> store = driver.getWindowStore("letters");
            List<String> windows = new ArrayList<>();
            try (var it = store.all()) {
                it.forEachRemaining(e -> windows.add(e.key().window().start() + "-" + e.key().window().end() + "="
                    + e.value()));
            }
            assertThat(windows).containsExactly("10-20=a", "15-25=ab", "21-31=b", "26-36=d", "30-40=cd",
                "34-44=c");
        }
    }

    @Test
    void suppressEmitsEachWindowOnceStreamTimeHasPassedEndPlusGrace() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", STRINGS).groupByKey().windowedBy(TEN_GRACE_FIVE).count()
            .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
            .toStream().to("out");
        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = driver.createInputTopic("clicks", Serdes.string().serializer(), Serdes.string().serializer());
            var out = driver.createOutputTopic("out",
                WindowedSerdes.windowed(Serdes.string()).deserializer(), Serdes.longs().deserializer());
            in.pipeInput("k", "x", 20);
            in.pipeInput("k", "x", 25);
            in.pipeInput("j", "x", 25);   // stream time 25 = end of [10, 20] + grace: still open
            assertThat(out.readKeyValuesToList()).isEmpty();
            in.pipeInput("k", "x", 20);   // counted: [10, 20] and [15, 25]
            in.pipeInput("j", "x", 26);   // now [10, 20] is final
            assertThat(out.readKeyValuesToList()).containsExactly(
                KeyValue.pair(new Windowed<>("k", new Window(10, 20)), 2L));
            in.pipeInput("j", "x", 60);
            assertThat(out.readKeyValuesToList()).containsExactlyInAnyOrder(
                KeyValue.pair(new Windowed<>("k", new Window(15, 25)), 3L),
                KeyValue.pair(new Windowed<>("k", new Window(21, 31)), 1L),
                KeyValue.pair(new Windowed<>("j", new Window(15, 25)), 1L),
                KeyValue.pair(new Windowed<>("j", new Window(16, 26)), 2L),
                KeyValue.pair(new Windowed<>("j", new Window(26, 36)), 1L));
        }
    }
}
