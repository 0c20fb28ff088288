package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Named;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.Repartitioned;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamingTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());
    private static final Map<String, Object> REQUIRE = Map.of("topology.require.names", "true");

    @Test
    void namedOperatorsKeepTheirNamesInTheDescription() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in", STRINGS);
        in.filter((k, v) -> v != null, Named.as("drop-nulls"))
            .mapValues(v -> v.length(), Named.as("lengths"))
            .peek((k, v) -> { }, Named.as("look"))
            .to("out", Produced.with(Serdes.string(), Serdes.integer()));
        String text = builder.build().describe();
        assertThat(text).contains("Processor: drop-nulls (stores: [])", "--> lengths", "Processor: lengths",
            "Processor: look", "<-- lengths");

        StreamsBuilder twice = new StreamsBuilder();
        KStream<String, String> s = twice.stream("in", STRINGS);
        s.filter((k, v) -> true, Named.as("same"));
        assertThatThrownBy(() -> s.filterNot((k, v) -> true, Named.as("same")))
            .isInstanceOf(TopologyException.class).hasMessageContaining("same");
        assertThatThrownBy(() -> Named.as("bad name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireNamesRefusesDerivedStoreAndTopicNamesListingEach() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", STRINGS)
            .selectKey((k, v) -> v)
            .groupByKey(Grouped.with(Serdes.string(), Serdes.string()))
            .count();
        Topology topology = builder.build();

        try (var driver = new TopologyTestDriver(topology)) {
            assertThat(driver.getKeyValueStore("words-count-1-store")).isNotNull();
        }
        assertThatThrownBy(() -> new TopologyTestDriver(topology, REQUIRE))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("2 state store(s) or internal topic(s)")
            .hasMessageContaining("store words-count-1-store of count (name it with Materialized.as(name))")
            .hasMessageContaining("repartition topic words-count-1-store-repartition of count");
        assertThatThrownBy(() -> new TributaryStreams(topology, Map.of("application.id", "a",
            "bootstrap.servers", "127.0.0.1:1", "ensure.explicit.internal.resource.naming", "true")))
            .isInstanceOf(TopologyException.class).hasMessageContaining("words-count-1-store");

        StreamsBuilder repartitioned = new StreamsBuilder();
        repartitioned.stream("words", STRINGS).repartition().to("out");
        assertThatThrownBy(() -> new TopologyTestDriver(repartitioned.build(), REQUIRE))
            .isInstanceOf(TopologyException.class).hasMessageContaining("Repartitioned.as(name)");
    }

    @Test
    void aFullyNamedTopologyRunsWithNamesRequired() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> words = builder.stream("words", STRINGS);
        words.selectKey((k, v) -> v)
            .groupByKey(Grouped.<String, String>as("by-word").withKeySerde(Serdes.string())
                .withValueSerde(Serdes.string()))
            .count(Materialized.as("counts"));
        words.repartition(Repartitioned.as("spread")).to("copy");
        // a store named explicitly also names the repartition topic derived from it
        words.selectKey((k, v) -> v).groupByKey(Grouped.with(Serdes.string(), Serdes.string()))
            .count(Materialized.as("counts-2"));
        try (var driver = new TopologyTestDriver(builder.build(), REQUIRE)) {
            var in = driver.createInputTopic("words", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeInput("x", "hello");
            assertThat(driver.getKeyValueStore("counts").get("hello")).isEqualTo(1L);
            assertThat(driver.getKeyValueStore("counts-2").get("hello")).isEqualTo(1L);
            assertThat(driver.producedTopicNames()).contains("topology-test-driver-by-word-repartition",
                "topology-test-driver-spread-repartition", "topology-test-driver-counts-2-repartition", "copy");
        }
    }

    @Test
    void mermaidExportShowsTopicsProcessorsAndStores() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", STRINGS)
            .filter((k, v) -> !v.isEmpty(), Named.as("non-empty"))
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream(Named.as("updates"))
            .to("word-counts", Produced.with(Serdes.string(), Serdes.longs()));
        assertThat(builder.build().toMermaid()).isEqualTo("""
            flowchart TD
                subgraph sub0["Sub-topology 0"]
                    n0["KSTREAM-SOURCE-0000000000"]
                    n1["non-empty"]
                    n2["KSTREAM-COUNT-0000000001"]
                    n3["updates"]
                    n4["KSTREAM-SINK-0000000002"]
                end
                t0[/"words"/]
                t1[/"word-counts"/]
                s0[("counts")]
                n2 --- s0
                t0 --> n0
                n0 --> n1
                n1 --> n2
                n2 --> n3
                n3 --> n4
                n4 --> t1
            """);
    }
}
