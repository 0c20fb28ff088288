package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.JoinWindows;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.StreamJoined;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A table with a stream-table join and a table aggregate on broker-lite, across a restart. */
class TablesIntegrationTest extends EmbeddedStreamsTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());

    private static Topology topology(String usersTopic, String clicksTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table(usersTopic, STRINGS, Materialized.as("users"));
        builder.stream(clicksTopic, STRINGS)
            .join(users, (click, city) -> click + " in " + city)
            .to("enriched", Produced.with(Serdes.string(), Serdes.string()));
        users.groupBy((user, city) -> KeyValue.pair(city, user), Grouped.with(Serdes.string(), Serdes.string()))
            .count(Materialized.as("per-city"))
            .toStream().to("city-counts", Produced.with(Serdes.string(), Serdes.longs()));
        return builder.build();
    }

    @Test
    void streamTableJoinAndTableAggregateContinueFromTheirChangelogsAfterARestart() {
        createTopics("users", "clicks", "enriched", "city-counts");
        Topology topology = topology("users", "clicks");

        send("users", "alice", "paris");
        send("users", "bob", "paris");
        send("users", "carol", "oslo");
        var streams = start(topology, "tables-app");
        try {
            assertThat(latestCounts(3)).containsExactlyInAnyOrderEntriesOf(Map.of("paris", 2L, "oslo", 1L));
            // the table rows are in: clicks now find them (the table side never waits for the stream)
            send("clicks", "alice", "c1");
            send("clicks", "dave", "c2");   // no row: dropped by the inner join
            send("clicks", "carol", "c3");
            assertThat(enriched(2)).containsExactlyInAnyOrder("alice=c1 in paris", "carol=c3 in oslo");
        } finally {
            assertThat(streams.close(WAIT)).isTrue();
        }

        // while stopped: alice moves, which the restarted aggregate can only subtract from paris if the users
        // store came back from its changelog; bob's click joins the restored row
        send("users", "alice", "oslo");
        var restarted = start(topology, "tables-app");
        try {
            assertThat(latestCounts(5)).containsExactlyInAnyOrderEntriesOf(Map.of("paris", 1L, "oslo", 2L));
            send("clicks", "bob", "c4");
            assertThat(enriched(3)).contains("bob=c4 in paris");
        } finally {
            assertThat(restarted.close(WAIT)).isTrue();
        }
        assertThat(admin.listTopics().join()).contains("tables-app-users-changelog", "tables-app-per-city-changelog",
            "tables-app-per-city-repartition");
    }

    @Test
    void joiningTopicsWithDifferentPartitionCountsFailsAtStart() {
        admin.createTopics(List.of(new NewTopic("clicks-3", 3, (short) 1), new NewTopic("accounts", 2, (short) 1)))
            .join();
        var streams = new TributaryStreams(topology("accounts", "clicks-3"), Map.of("application.id", "copartition-app",
            "bootstrap.servers", bootstrap));
        assertThatThrownBy(streams::start).isInstanceOf(TopologyException.class)
            .hasMessageContaining("not co-partitioned").hasMessageContaining("clicks-3=3")
            .hasMessageContaining("accounts=2");
        streams.close(WAIT);
    }

    @Test
    void aStreamStreamJoinOfTopicsWithDifferentPartitionCountsFailsAtStart() {
        admin.createTopics(List.of(new NewTopic("orders-3", 3, (short) 1), new NewTopic("payments-2", 2, (short) 1)))
            .join();
        StreamsBuilder builder = new StreamsBuilder();
        var strings = Consumed.with(Serdes.string(), Serdes.string());
        builder.stream("orders-3", strings)
            .join(builder.stream("payments-2", strings), (o, p) -> o + "/" + p,
                JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMinutes(1)),
                StreamJoined.with(Serdes.string(), Serdes.string(), Serdes.string()))
            .to("paid", Produced.with(Serdes.string(), Serdes.string()));
        var streams = new TributaryStreams(builder.build(), Map.of("application.id", "stream-join-app",
            "bootstrap.servers", bootstrap));
        assertThatThrownBy(streams::start).isInstanceOf(TopologyException.class)
            .hasMessageContaining("not co-partitioned").hasMessageContaining("orders-3=3")
            .hasMessageContaining("payments-2=2");
        streams.close(WAIT);
    }

    private Map<String, Long> latestCounts(int updates) {
        Map<String, Long> latest = new HashMap<>();
        read("city-counts", updates, Serdes.string().deserializer(), Serdes.longs().deserializer(), true)
            .forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private List<String> enriched(int count) {
        return read("enriched", count, Serdes.string().deserializer(), Serdes.string().deserializer(), true)
            .stream().map(r -> r.key() + "=" + r.value()).toList();
    }
}
