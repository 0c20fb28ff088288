package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.Stores;
import io.tributary.streams.state.internals.StoreContext;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;
import io.tributary.streams.state.internals.TimestampedKeyValueStoreBuilder;
import io.tributary.streams.state.internals.ValueAndTimestamp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables read from topics and the table operators, through the test driver. */
class KTableTest {
    static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());
    static final Produced<String, String> OUT = Produced.with(Serdes.string(), Serdes.string());

    /** Output records as "key=value@timestamp" (value "null" for a tombstone). */
    static List<String> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.string().deserializer(), Serdes.string().deserializer())
            .readRecordsToList().stream().map(r -> r.key() + "=" + r.value() + "@" + r.timestamp()).toList();
    }

    static List<String> readLongs(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.string().deserializer(), Serdes.longs().deserializer())
            .readRecordsToList().stream().map(r -> r.key() + "=" + r.value() + "@" + r.timestamp()).toList();
    }

    static TestInputTopic<String, String> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, Serdes.string().serializer(), Serdes.string().serializer());
    }

    @Test
    void sourceTableKeepsTheLatestValuePerKeyAndForwardsDeletes() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users", STRINGS);
        assertThat(users.queryableStoreName()).isEqualTo("users-table-1-store");
        users.toStream().to("out", OUT);

        try (var driver = new TopologyTestDriver(builder.build(), Map.of("application.id", "t"))) {
            var in = input(driver, "users");
            in.pipeInput("alice", "paris", 10);
            in.pipeInput("bob", "rome", 11);
            in.pipeInput("alice", "oslo", 12);
            in.pipeInput(null, "nobody", 13);
            in.pipeInput("bob", null, 14);
            in.pipeInput("carol", null, 15);

            // the null-key record is skipped; deleting an absent key still forwards a tombstone (as Kafka)
            assertThat(read(driver, "out")).containsExactly("alice=paris@10", "bob=rome@11", "alice=oslo@12",
                "bob=null@14", "carol=null@15");
            KeyValueStore<String, String> store = driver.getKeyValueStore("users-table-1-store");
            assertThat(store.get("alice")).isEqualTo("oslo");
            assertThat(store.get("bob")).isNull();
            assertThat(store.approximateNumEntries()).isEqualTo(1);
            // the changelog holds plain values stamped with their records' times
            assertThat(read(driver, "t-users-table-1-store-changelog")).containsExactly("alice=paris@10",
                "bob=rome@11", "alice=oslo@12", "bob=null@14", "carol=null@15");
        }
    }

    @Test
    void filterOfAMaterializedTableDeletesRowsThatStopMatchingAndDropsUpdatesThatNeverMatched() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("prices", STRINGS, Materialized.as("prices"))
            .filter((k, v) -> Integer.parseInt(v) >= 10)
            .toStream().to("expensive", OUT);

        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = input(driver, "prices");
            in.pipeInput("a", "12", 1);
            in.pipeInput("a", "15", 2);
            in.pipeInput("a", "5", 3);   // stops matching: a delete
            in.pipeInput("a", "6", 4);   // matched neither before nor after: nothing
            in.pipeInput("b", "3", 5);   // never matched: nothing
            in.pipeInput("a", "20", 6);
            in.pipeInput("a", null, 7);  // deleted upstream: a delete

            assertThat(read(driver, "expensive")).containsExactly("a=12@1", "a=15@2", "a=null@3", "a=20@6",
                "a=null@7");
        }
    }

    @Test
    void filterOfAnUnmaterializedTableSendsATombstoneForEveryNonMatchingUpdateAsKafkaDoes() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("prices", STRINGS)
            .filterNot((k, v) -> Integer.parseInt(v) < 10)
            .toStream().to("expensive", OUT);

        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = input(driver, "prices");
            in.pipeInput("a", "12", 1);
            in.pipeInput("a", "5", 2);
            in.pipeInput("b", "3", 3);

            assertThat(read(driver, "expensive")).containsExactly("a=12@1", "a=null@2", "b=null@3");
        }
    }

    @Test
    void materializedFilterAndMapValuesKeepTheirRowsInStores() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("prices", STRINGS)
            .mapValues(Integer::parseInt, Materialized.<String, Integer>as("parsed").withValueSerde(Serdes.integer()))
            .filter((k, v) -> v % 2 == 0, Materialized.as("even"))
            .mapValues(v -> "#" + v)
            .toStream().to("out", OUT);

        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = input(driver, "prices");
            in.pipeInput("a", "2", 1);
            in.pipeInput("b", "3", 2);
            in.pipeInput("a", "4", 3);
            in.pipeInput("a", "7", 4);

            // the filter is materialized, so it sends old values: b's non-matching row emits nothing
            assertThat(read(driver, "out")).containsExactly("a=#2@1", "a=#4@3", "a=null@4");
            KeyValueStore<String, Integer> parsed = driver.getKeyValueStore("parsed");
            assertThat(parsed.get("a")).isEqualTo(7);
            assertThat(parsed.get("b")).isEqualTo(3);
            KeyValueStore<String, Integer> even = driver.getKeyValueStore("even");
            assertThat(even.approximateNumEntries()).isZero();
        }
    }

    @Test
    void groupByCountSubtractsFromTheOldGroupWhenARowChangesItsKey() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("users", STRINGS)
            .groupBy((user, city) -> KeyValue.pair(city, user), Grouped.with(Serdes.string(), Serdes.string()))
            .count(Materialized.as("per-city"))
            .toStream().to("counts", Produced.with(Serdes.string(), Serdes.longs()));

        try (var driver = new TopologyTestDriver(builder.build(), Map.of("application.id", "g"))) {
            var in = input(driver, "users");
            in.pipeInput("alice", "paris", 10);
            in.pipeInput("bob", "paris", 11);
            in.pipeInput("alice", "oslo", 12);  // paris -1, then oslo +1
            in.pipeInput("alice", "oslo", 13);  // same group: subtract and add in one update
            in.pipeInput("bob", null, 14);      // deleted: paris -1

            assertThat(readLongs(driver, "counts")).containsExactly("paris=1@10", "paris=2@11", "paris=1@12",
                "oslo=1@12", "oslo=1@13", "paris=0@14");
            assertThat(driver.producedTopicNames()).contains("g-per-city-repartition");
            KeyValueStore<String, Long> store = driver.getKeyValueStore("per-city");
            assertThat(store.get("paris")).isZero();
            assertThat(store.get("oslo")).isEqualTo(1);
        }
    }

    @Test
    void groupByAggregateAndReduceApplySubtractorThenAdder() {
        StreamsBuilder builder = new StreamsBuilder();
        var grouped = builder.table("scores", STRINGS)
            .groupBy((player, line) -> KeyValue.pair(line.split(":")[0], Integer.parseInt(line.split(":")[1])),
                Grouped.<String, Integer>as("by-team").withKeySerde(Serdes.string()).withValueSerde(Serdes.integer()));
        grouped.reduce(Integer::sum, (agg, v) -> agg - v, Materialized.as("team-sum"))
            .toStream().mapValues(String::valueOf).to("sums", OUT);
        grouped.aggregate(() -> "", (team, v, agg) -> agg + "+" + v, (team, v, agg) -> agg + "-" + v,
                Materialized.<String, String>as("team-log").withValueSerde(Serdes.string()))
            .toStream().to("logs", OUT);

        try (var driver = new TopologyTestDriver(builder.build(), Map.of("application.id", "g"))) {
            var in = input(driver, "scores");
            in.pipeInput("p1", "red:3", 1);
            in.pipeInput("p2", "red:4", 2);
            in.pipeInput("p1", "blue:5", 3);
            in.pipeInput("p2", "red:6", 4);

            assertThat(read(driver, "sums")).containsExactly("red=3@1", "red=7@2", "red=4@3", "blue=5@3",
                "red=6@4");
            assertThat(read(driver, "logs")).containsExactly("red=+3@1", "red=+3+4@2", "red=+3+4-3@3",
                "blue=+5@3", "red=+3+4-3-4+6@4");
            // both aggregations share the named repartition topic
            assertThat(driver.producedTopicNames()).contains("g-by-team-repartition")
                .noneMatch(t -> t.endsWith("team-sum-repartition"));
        }
    }

    @Test
    void groupByTableAggregateTakesTheLatestTimestampOfItsInputs() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("users", STRINGS)
            .groupBy((user, city) -> KeyValue.pair(city, user), Grouped.with(Serdes.string(), Serdes.string()))
            .count()
            .toStream().to("counts", Produced.with(Serdes.string(), Serdes.longs()));

        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = input(driver, "users");
            in.pipeInput("alice", "paris", 50);
            in.pipeInput("bob", "paris", 20);  // out of order: the aggregate keeps 50
            assertThat(readLongs(driver, "counts")).containsExactly("paris=1@50", "paris=2@50");
        }
    }

    @Test
    void tableOperatorsNeedSerdesToMaterializeAndToRepartition() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> t = builder.table("t", STRINGS);
        assertThatThrownBy(() -> t.mapValues(String::length, Materialized.as("lengths")))
            .isInstanceOf(TopologyException.class).hasMessageContaining("value serde is unknown");
        var grouped = t.mapValues(String::length)
            .groupBy((k, v) -> KeyValue.pair(v, k), Grouped.as("g"));
        assertThatThrownBy(grouped::count).isInstanceOf(TopologyException.class)
            .hasMessageContaining("repartition topic");
    }

    @Test
    void theTimestampedStoreLogsPlainValuesAndRestoresTheirTimestamps() {
        List<Object[]> changelog = new ArrayList<>();
        var written = newStore(changelog);
        written.put("alice", "paris", 77);
        written.put("bob", "rome", 78);
        written.put("bob", null, 79);
        assertThat(changelog).extracting(r -> r[1] == null ? null : new String((byte[]) r[1], UTF_8), r -> r[2])
            .containsExactly(tuple("paris", 77L), tuple("rome", 78L), tuple(null, 79L));

        var restored = newStore(new ArrayList<>());
        changelog.forEach(r -> restored.restore((byte[]) r[0], (byte[]) r[1], (long) r[2]));
        assertThat(restored.getWithTimestamp("alice")).isEqualTo(new ValueAndTimestamp<>("paris", 77));
        assertThat(restored.get("bob")).isNull();
        assertThat(restored.approximateNumEntries()).isEqualTo(1);
    }

    /** A timestamped store whose changelog records (key, value, timestamp) go to {@code changelog}. */
    private static TimestampedKeyValueStore<String, String> newStore(List<Object[]> changelog) {
        var store = new TimestampedKeyValueStoreBuilder<>(Stores.inMemoryKeyValueStore("s"), Serdes.string(),
            Serdes.string()).build();
        store.init(new StoreContext() {
            @Override
            public String applicationId() {
                return "app";
            }

            @Override
            public int partition() {
                return 0;
            }

            @Override
            public void logChange(String topic, byte[] key, byte[] value) {
                throw new AssertionError("the timestamped store logs with its own timestamps");
            }

            @Override
            public long timestamp() {
                return -1;
            }

            @Override
            public void logChange(String topic, byte[] key, byte[] value, long timestamp) {
                changelog.add(new Object[] {key, value, timestamp});
            }

            @Override
            public Path storeDir(String storeName) {
                return null;
            }
        }, "app-s-changelog");
        return store;
    }
}
