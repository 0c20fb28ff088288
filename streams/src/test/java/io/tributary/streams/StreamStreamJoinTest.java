package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.JoinWindows;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.StreamJoined;
import io.tributary.streams.kstream.ValueJoiner;
import io.tributary.streams.state.Stores;
import io.tributary.streams.test.TestRecord;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Windowed stream-stream joins through the {@link TopologyTestDriver}. */
class StreamStreamJoinTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());
    private static final ValueJoiner<String, String, String> PLUS = (l, r) -> l + "+" + r;

    /** The "left" and "right" topics joined as {@code join} says and written to "out". */
    private static final class Run implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> left;
        final TestInputTopic<String, String> right;
        final TestOutputTopic<String, String> out;

        Run(BiFunction<KStream<String, String>, KStream<String, String>, KStream<String, String>> join) {
            StreamsBuilder builder = new StreamsBuilder();
            join.apply(builder.stream("left", STRINGS), builder.stream("right", STRINGS))
                .to("out", io.tributary.streams.kstream.Produced.with(Serdes.string(), Serdes.string()));
            driver = new TopologyTestDriver(builder.build());
            left = driver.createInputTopic("left", Serdes.string().serializer(), Serdes.string().serializer());
            right = driver.createInputTopic("right", Serdes.string().serializer(), Serdes.string().serializer());
            out = driver.createOutputTopic("out", Serdes.string().deserializer(), Serdes.string().deserializer());
        }

        List<TestRecord<String, String>> left(String key, String value, long timestamp) {
            left.pipeInput(key, value, timestamp);
            return out.readRecordsToList();
        }

        List<TestRecord<String, String>> right(String key, String value, long timestamp) {
            right.pipeInput(key, value, timestamp);
            return out.readRecordsToList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static TestRecord<String, String> rec(String key, String value, long timestamp) {
        return new TestRecord<>(key, value, List.of(), timestamp);
    }

    @Test
    void anInnerJoinMatchesRecordsFromBeforeToAfterInclusiveAndStampsTheLaterTime() {
        // a left record at t joins right records from t - 10 to t + 5
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(100))
            .after(Duration.ofMillis(5));
        try (var run = new Run((l, r) -> l.join(r, PLUS, windows))) {
            assertThat(run.left("A", "L", 100)).isEmpty();
            assertThat(run.right("A", "r89", 89)).isEmpty();
            assertThat(run.right("A", "r90", 90)).containsExactly(rec("A", "L+r90", 100));
            assertThat(run.right("A", "r105", 105)).containsExactly(rec("A", "L+r105", 105));
            assertThat(run.right("A", "r106", 106)).isEmpty();
            assertThat(run.right("B", "r100", 100)).isEmpty();
            // the window seen from a later left record: right records from 85 to 100
            assertThat(run.left("A", "L2", 95)).containsExactly(rec("A", "L2+r89", 95), rec("A", "L2+r90", 95));
            // an inner join skips null values and null keys
            run.left.pipeInput("A", null, 95);
            assertThat(run.out.isEmpty()).isTrue();
            assertThat(run.left(null, "no-key", 95)).isEmpty();
        }
    }

    @Test
    void everyDuplicateIsJoinedAndNullValuesAreSkipped() {
        try (var run = new Run((l, r) -> l.join(r, PLUS, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10))))) {
            run.left("A", "x", 10);
            run.left("A", "x", 10);
            assertThat(run.right("A", "y", 12)).containsExactly(rec("A", "x+y", 12), rec("A", "x+y", 12));
            assertThat(run.right("A", "y2", 12)).containsExactly(rec("A", "x+y2", 12), rec("A", "x+y2", 12));
            assertThat(run.left("A", "z", 11)).containsExactly(rec("A", "z+y", 12), rec("A", "z+y2", 12));
            run.right.pipeInput("A", null, 12);
            assertThat(run.out.isEmpty()).isTrue();
        }
    }

    @Test
    void aLeftJoinEmitsAnUnmatchedLeftRecordOnlyOnceItsWindowHasClosed() {
        try (var run = new Run((l, r) -> l.leftJoin(r, PLUS, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10))))) {
            assertThat(run.left("A", "a", 0)).isEmpty();
            assertThat(run.left("B", "b", 5)).isEmpty();
            assertThat(run.right("A", "r", 8)).containsExactly(rec("A", "a+r", 8));  // a found its match: never a+null
            // stream time 20 closes b's window [-5, 15]; a late record whose window has closed goes out at once
            assertThat(run.left("C", "c", 20)).containsExactly(rec("B", "b+null", 5));
            assertThat(run.left("D", "d", 3)).containsExactly(rec("D", "d+null", 3));
            // at stream time 30 a right record at 30 may still join c (20 + 10): c is held
            assertThat(run.right("X", "x", 30)).isEmpty();
            assertThat(run.right("C", "r", 30)).containsExactly(rec("C", "c+r", 30));
            assertThat(run.left("E", "e", 40)).isEmpty();
            assertThat(run.right("Y", "y", 51)).containsExactly(rec("E", "e+null", 40));
            // unmatched right records are never emitted by a left join; a null key on the left is, at once (KIP-962)
            assertThat(run.right("Z", "z", 100)).isEmpty();
            assertThat(run.left(null, "n", 100)).containsExactly(rec(null, "n+null", 100));
            assertThat(run.driver.getAllStateStores()).containsOnlyKeys("left-right-left-join-1-this-join-store",
                "left-right-left-join-1-other-join-store", "left-right-left-join-1-outer-shared-join-store");
        }
    }

    @Test
    void anOuterJoinEmitsUnmatchedRecordsOfBothSidesAfterTheGracePeriod() {
        // right records join left ones up to 10 before and 4 after them; grace 5
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(4), Duration.ofMillis(5))
            .before(Duration.ofMillis(10));
        try (var run = new Run((l, r) -> l.outerJoin(r, PLUS, windows))) {
            assertThat(run.right("R", "r", 0)).isEmpty();      // closes after 0 + before 10 + grace 5
            assertThat(run.left("A", "a", 0)).isEmpty();       // closes after 0 + after 4 + grace 5
            assertThat(run.left("Q", "q", 9)).isEmpty();
            // a late right record within the grace period still joins a, which is then never emitted unmatched
            assertThat(run.right("A", "late", 4)).containsExactly(rec("A", "a+late", 4));
            assertThat(run.left("Q", "q", 10)).isEmpty();      // r is held until stream time 16 (> 0 + 10 + 5)
            assertThat(run.left("Q", "q", 16)).containsExactly(rec("R", "null+r", 0));
            // the two q records close at 9 + 4 + 5 and 10 + 4 + 5: both are emitted at stream time 20
            assertThat(run.right("S", "s", 20)).containsExactly(rec("Q", "q+null", 9), rec("Q", "q+null", 10));
            assertThat(run.driver.getStateStore("left-right-outer-join-1-outer-shared-join-store")).isNotNull();
        }
    }

    @Test
    void aSideWhoseKeyChangedIsRepartitionedBeforeTheJoin() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> orders = builder.stream("orders", STRINGS).selectKey((k, v) -> v.split(":")[0]);
        KStream<String, String> payments = builder.stream("payments", STRINGS);
        orders.join(payments, PLUS, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1)),
                StreamJoined.<String, String, String>with(Serdes.string(), Serdes.string(), null).withName("pay"))
            .to("paid", io.tributary.streams.kstream.Produced.with(Serdes.string(), Serdes.string()));
        Topology topology = builder.build();
        assertThat(topology.describe().toString()).contains("pay-left-repartition").doesNotContain("pay-right");
        assertThat(topology.storeNames()).containsExactly("pay-other-join-store", "pay-this-join-store");
        try (var driver = new TopologyTestDriver(topology)) {
            driver.createInputTopic("orders", Serdes.string().serializer(), Serdes.string().serializer())
                .pipeInput("order-1", "alice:book", 1_000);
            driver.createInputTopic("payments", Serdes.string().serializer(), Serdes.string().serializer())
                .pipeInput("alice", "paid", 1_500);
            assertThat(driver.createOutputTopic("paid", Serdes.string().deserializer(), Serdes.string().deserializer())
                .readKeyValuesToList()).containsExactly(KeyValue.pair("alice", "alice:book+paid"));
        }
    }

    @Test
    void missingSerdesAndStoresThatDropDuplicatesAreRefused() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left", STRINGS);
        KStream<String, String> right = builder.stream("right", STRINGS);
        JoinWindows windows = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10));
        assertThatThrownBy(() -> left.mapValues(String::length).join(right, (n, r) -> n + r, windows))
            .isInstanceOf(TopologyException.class).hasMessageContaining("left (this) stream's value serde is unknown");
        assertThatThrownBy(() -> left.join(right, PLUS, windows, StreamJoined.with(
                Stores.inMemoryWindowStore("a", Duration.ofMillis(100), Duration.ofMillis(20), false),
                Stores.inMemoryWindowStore("b", Duration.ofMillis(100), Duration.ofMillis(20), true))))
            .isInstanceOf(TopologyException.class).hasMessageContaining("retains duplicates");
        assertThatThrownBy(() -> JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(5)).before(Duration.ofMillis(-6)))
            .hasMessageContaining("before + after : -1 ms");
        left.join(right, PLUS, windows, StreamJoined.as("named"));
        assertThat(builder.build().storeNames()).containsExactly("named-other-join-store", "named-this-join-store");
    }
}
