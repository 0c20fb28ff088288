package io.tributary.streams;

import static io.tributary.streams.KTableTest.OUT;
import static io.tributary.streams.KTableTest.STRINGS;
import static io.tributary.streams.KTableTest.input;
import static io.tributary.streams.KTableTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Joined;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.processor.internals.CopartitionedTopicsEnforcer;
import io.tributary.streams.state.KeyValueStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stream-table and table-table joins through the test driver, and the co-partitioning check. */
class TableJoinsTest {

    @Test
    void streamTableJoinIsDrivenByTheStreamOnly() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users", STRINGS);
        KStream<String, String> clicks = builder.stream("clicks", STRINGS);
        clicks.join(users, (click, city) -> click + "@" + city).to("joined", OUT);
        clicks.leftJoin(users, (click, city) -> click + "@" + city).to("left", OUT);

        try (var driver = new TopologyTestDriver(builder.build())) {
            var u = input(driver, "users");
            var c = input(driver, "clicks");
            c.pipeInput("alice", "home", 1);       // no row yet: inner drops, left joins with null
            u.pipeInput("alice", "paris", 2);      // a table update emits nothing
            c.pipeInput("alice", "cart", 3);
            u.pipeInput("alice", "oslo", 4);
            c.pipeInput("alice", "pay", 5);
            u.pipeInput("alice", null, 6);         // deleted
            c.pipeInput("alice", "exit", 7);
            c.pipeInput(null, "anon", 8);          // null key: inner drops, left joins with null (KIP-962)
            c.pipeInput("alice", null, 9);         // null value: dropped by both

            assertThat(read(driver, "joined")).containsExactly("alice=cart@paris@3", "alice=pay@oslo@5");
            assertThat(read(driver, "left")).containsExactly("alice=home@null@1", "alice=cart@paris@3",
                "alice=pay@oslo@5", "alice=exit@null@7", "null=anon@null@8");
        }
    }

    @Test
    void streamTableJoinWithKeyRepartitionsTheStreamFirst() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users", STRINGS);
        builder.stream("clicks", STRINGS)
            .selectKey((k, v) -> v.split(":")[0])
            .join(users, (user, click, city) -> user + " " + click + " in " + city, Joined.<String, String, String>as("clicks-by-user"))
            .to("joined", OUT);

        Topology topology = builder.build();
        assertThat(topology.describe().toString()).contains("clicks-by-user-repartition");
        try (var driver = new TopologyTestDriver(topology, Map.of("application.id", "j"))) {
            input(driver, "users").pipeInput("bob", "rome", 1);
            input(driver, "clicks").pipeInput("k1", "bob:buy", 2);
            assertThat(read(driver, "joined")).containsExactly("bob=bob bob:buy in rome@2");
            assertThat(driver.producedTopicNames()).contains("j-clicks-by-user-repartition");
        }
    }

    @Test
    void unnamedJoinRepartitionTopicsGetDerivedNames() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users", STRINGS);
        builder.stream("clicks", STRINGS).selectKey((k, v) -> v).leftJoin(users, (a, b) -> a + b)
            .selectKey((k, v) -> v).join(users, (a, b) -> a + b, Joined.with(null, Serdes.string(), null))
            .to("out", OUT);
        assertThat(builder.build().describe().toString()).contains("clicks-join-1-repartition")
            .contains("clicks-join-2-repartition");
    }

    @Test
    void streamTableJoinAgainstAFilteredTableLooksUpThroughTheFilter() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> adults = builder.table("ages", STRINGS)
            .filter((name, age) -> Integer.parseInt(age) >= 18)
            .mapValues(age -> "age " + age);
        builder.stream("visits", STRINGS).leftJoin(adults, (v, a) -> v + "/" + a).to("out", OUT);

        try (var driver = new TopologyTestDriver(builder.build())) {
            input(driver, "ages").pipeInput("ann", "30", 1);
            input(driver, "ages").pipeInput("tim", "12", 2);
            input(driver, "visits").pipeInput("ann", "v1", 3);
            input(driver, "visits").pipeInput("tim", "v2", 4);
            assertThat(read(driver, "out")).containsExactly("ann=v1/age 30@3", "tim=v2/null@4");
        }
    }

    @Test
    void tableTableInnerJoinEmitsOnEitherSideAndDeletesWhenASideIsDeleted() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.table("left", STRINGS);
        KTable<String, String> right = builder.table("right", STRINGS);
        left.join(right, (l, r) -> l + "+" + r, Materialized.<String, String>as("joined").withValueSerde(Serdes.string())).toStream().to("out", OUT);

        try (var driver = new TopologyTestDriver(builder.build())) {
            var l = input(driver, "left");
            var r = input(driver, "right");
            l.pipeInput("k", "a", 10);     // no right row: nothing
            r.pipeInput("k", "x", 5);      // joined, stamped with the later of the two rows (10)
            r.pipeInput("k", "y", 20);
            l.pipeInput("k", "b", 15);     // stamped 20 (the right row is later)
            l.pipeInput("k", null, 30);    // left deleted: a tombstone
            r.pipeInput("k", "z", 31);     // no left row: nothing
            r.pipeInput("q", "w", 32);

            assertThat(read(driver, "out")).containsExactly("k=a+x@10", "k=a+y@20", "k=b+y@20", "k=null@30");
            KeyValueStore<String, String> joined = driver.getKeyValueStore("joined");
            assertThat(joined.get("k")).isNull();
        }
    }

    @Test
    void tableTableLeftJoinKeepsEveryLeftRow() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.table("left", STRINGS);
        KTable<String, String> right = builder.table("right", STRINGS);
        left.leftJoin(right, (l, r) -> l + "+" + r).toStream().to("out", OUT);

        try (var driver = new TopologyTestDriver(builder.build())) {
            var l = input(driver, "left");
            var r = input(driver, "right");
            l.pipeInput("k", "a", 1);      // joined with null
            r.pipeInput("k", "x", 2);
            r.pipeInput("k", null, 3);     // right deleted: the left row joined with null again
            r.pipeInput("j", "y", 4);      // no left row: nothing
            l.pipeInput("k", null, 5);     // left deleted: a tombstone
            l.pipeInput("m", null, 6);     // deleting an absent row with no right row: nothing

            assertThat(read(driver, "out")).containsExactly("k=a+null@1", "k=a+x@2", "k=a+null@3", "k=null@5");
        }
    }

    @Test
    void tableTableOuterJoinHasARowWhileEitherSideHasOne() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.table("left", STRINGS);
        KTable<String, String> right = builder.table("right", STRINGS);
        KTable<String, String> outer = left.outerJoin(right, (l, r) -> l + "+" + r);
        outer.toStream().to("out", OUT);
        // a lookup into the unmaterialized join computes the joined row from both stores
        builder.stream("probe", STRINGS).join(outer, (p, row) -> p + ":" + row).to("probed", OUT);

        try (var driver = new TopologyTestDriver(builder.build())) {
            var l = input(driver, "left");
            var r = input(driver, "right");
            r.pipeInput("k", "x", 1);      // null+x
            l.pipeInput("k", "a", 2);
            r.pipeInput("k", null, 3);     // a+null
            l.pipeInput("k", null, 4);     // both gone: a tombstone
            r.pipeInput("k", null, 5);     // nothing on either side: nothing
            l.pipeInput("j", "b", 6);
            input(driver, "probe").pipeInput("j", "p", 7);
            input(driver, "probe").pipeInput("k", "p", 8);

            assertThat(read(driver, "out")).containsExactly("k=null+x@1", "k=a+x@2", "k=a+null@3", "k=null@4",
                "j=b+null@6");
            assertThat(read(driver, "probed")).containsExactly("j=p:b+null@7");
        }
    }

    @Test
    void joiningTablesFromAnotherBuilderOrAWindowedTableIsRefused() {
        StreamsBuilder one = new StreamsBuilder();
        StreamsBuilder two = new StreamsBuilder();
        KTable<String, String> a = one.table("a", STRINGS);
        KTable<String, String> b = two.table("b", STRINGS);
        assertThatThrownBy(() -> a.join(b, (x, y) -> x)).isInstanceOf(TopologyException.class)
            .hasMessageContaining("another StreamsBuilder");
        assertThatThrownBy(() -> two.stream("s", STRINGS).join(a, (x, y) -> x))
            .isInstanceOf(TopologyException.class).hasMessageContaining("another StreamsBuilder");
    }

    @Test
    void coPartitioningIsEnforcedAndRepartitionTopicsOfAJoinGetTheTablesPartitionCount() {
        // stream repartitioned for a join with a 3-partition table, while another source has 5 partitions
        Map<String, Integer> counts = CopartitionedTopicsEnforcer.repartitionCounts(
            List.of(Set.of("app-j-repartition", "users")), Map.of("users", 3, "clicks", 5),
            Set.of("app-j-repartition", "app-count-repartition"), 5);
        assertThat(counts).containsEntry("app-j-repartition", 3).containsEntry("app-count-repartition", 5);

        assertThatThrownBy(() -> CopartitionedTopicsEnforcer.repartitionCounts(
            List.of(Set.of("clicks", "users")), Map.of("users", 3, "clicks", 5), Set.of(), 5))
            .isInstanceOf(TopologyException.class).hasMessageContaining("not co-partitioned")
            .hasMessageContaining("users=3").hasMessageContaining("clicks=5");
    }
}
