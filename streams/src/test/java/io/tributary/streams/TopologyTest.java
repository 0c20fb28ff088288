package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Branched;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KGroupedStream;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.Repartitioned;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());

    @Test
    void describesSourcesProcessorsAndSinks() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", STRINGS)
            .filter((k, v) -> v != null)
            .mapValues(String::length)
            .to("out", Produced.with(Serdes.string(), Serdes.integer()));

        assertThat(builder.build().describe()).isEqualTo("""
            Topologies:
               Sub-topology: 0
                Source: KSTREAM-SOURCE-0000000000 (topics: [in])
                  --> KSTREAM-FILTER-0000000001
                Processor: KSTREAM-FILTER-0000000001 (stores: [])
                  --> KSTREAM-MAPVALUES-0000000002
                  <-- KSTREAM-SOURCE-0000000000
                Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])
                  --> KSTREAM-SINK-0000000003
                  <-- KSTREAM-FILTER-0000000001
                Sink: KSTREAM-SINK-0000000003 (topic: out)
                  <-- KSTREAM-MAPVALUES-0000000002
            """);
    }

    @Test
    void unconnectedStreamsAreSeparateSubTopologiesAndStoresAreListed() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("a", STRINGS).groupByKey().count(Materialized.as("counts")).toStream()
            .to("a-counts", Produced.with(Serdes.string(), Serdes.longs()));
        builder.stream("b", STRINGS).to("b-copy");

        Topology topology = builder.build();
        String text = topology.describe();
        assertThat(text).contains("Sub-topology: 0", "Sub-topology: 1",
            "Processor: KSTREAM-COUNT-0000000001 (stores: [counts])", "Source: KSTREAM-SOURCE-0000000004 (topics: [b])");
        assertThat(topology.storeNames()).containsExactly("counts");
        assertThat(topology.sourceTopics()).containsExactly("a", "b");
    }

    @Test
    void anUnnamedStoreKeepsItsNameWhenAnUnrelatedOperatorIsAdded() {
        StreamsBuilder plain = new StreamsBuilder();
        plain.stream("words", STRINGS).groupByKey().count();

        StreamsBuilder extended = new StreamsBuilder();
        KStream<String, String> words = extended.stream("words", STRINGS);
        words.peek((k, v) -> { }).filter((k, v) -> true).groupByKey().count();

        assertThat(plain.build().storeNames()).containsExactly("words-count-1-store");
        assertThat(extended.build().storeNames()).containsExactly("words-count-1-store");
    }

    @Test
    void aSecondCountDownstreamGetsTheNextNumber() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", STRINGS).groupByKey().count().toStream()
            .groupByKey().count(Materialized.with(Serdes.string(), Serdes.longs()));
        assertThat(builder.build().storeNames()).containsExactly("words-count-1-store", "words-count-2-store");
    }

    @Test
    void toWithoutSerdesAfterATypeChangeIsAClearError() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Integer> lengths = builder.stream("in", STRINGS).mapValues(String::length);
        assertThatThrownBy(() -> lengths.to("out"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("value serde is unknown")
            .hasMessageContaining("Produced.with");
        KStream<Integer, String> rekeyed = builder.stream("in2", STRINGS).map((k, v) -> KeyValue.pair(v.length(), v));
        assertThatThrownBy(() -> rekeyed.groupByKey().count())
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("key serde is unknown");
    }

    @Test
    void twoStoresWithOneNameAndATopicReadTwiceAreRefused() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in", STRINGS);
        in.groupByKey().count(Materialized.as("same"));
        assertThatThrownBy(() -> in.groupByKey().reduce((a, b) -> a + b, Materialized.as("same")))
            .isInstanceOf(TopologyException.class).hasMessageContaining("same");
        assertThatThrownBy(() -> builder.stream("in", STRINGS))
            .isInstanceOf(TopologyException.class).hasMessageContaining("already read");
    }

    @Test
    void groupByWritesToARepartitionTopicReadBackInANewSubTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", STRINGS)
            .flatMapValues(v -> List.of(v.split(" ")))
            .groupBy((k, word) -> word, Grouped.with(Serdes.string(), Serdes.string()))
            .count(Materialized.as("counts"));

        Topology topology = builder.build();
        assertThat(topology.describe()).isEqualTo("""
            Topologies:
               Sub-topology: 0
                Source: KSTREAM-SOURCE-0000000000 (topics: [lines])
                  --> KSTREAM-FLATMAPVALUES-0000000001
                Processor: KSTREAM-FLATMAPVALUES-0000000001 (stores: [])
                  --> KSTREAM-KEY-SELECT-0000000002
                  <-- KSTREAM-SOURCE-0000000000
                Processor: KSTREAM-KEY-SELECT-0000000002 (stores: [])
                  --> KSTREAM-SINK-0000000003
                  <-- KSTREAM-FLATMAPVALUES-0000000001
                Sink: KSTREAM-SINK-0000000003 (topic: counts-repartition)
                  <-- KSTREAM-KEY-SELECT-0000000002
               Sub-topology: 1
                Source: KSTREAM-SOURCE-0000000004 (topics: [counts-repartition])
                  --> KSTREAM-COUNT-0000000005
                Processor: KSTREAM-COUNT-0000000005 (stores: [counts])
                  <-- KSTREAM-SOURCE-0000000004
            """);
        assertThat(topology.sourceTopics()).containsExactly("lines", "counts-repartition");
    }

    @Test
    void groupByKeyRepartitionsOnlyAfterAKeyChange() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in", STRINGS);
        in.mapValues(String::trim).filter((k, v) -> true).groupByKey().count();
        in.selectKey((k, v) -> v).groupByKey(Grouped.<String, String>as("by-value")
            .withKeySerde(Serdes.string())).count(Materialized.as("a"));
        in.flatMap((k, v) -> List.of(KeyValue.pair(v, k))).mapValues(v -> v)
            .groupByKey(Grouped.with(Serdes.string(), Serdes.string())).count(Materialized.as("b"));
        in.selectKey((k, v) -> v).repartition(Repartitioned.with(Serdes.string(), Serdes.string()))
            .groupByKey().count(Materialized.as("c"));
        assertThat(builder.build().sourceTopics())
            .containsExactly("in", "by-value-repartition", "b-repartition", "in-1-repartition");
    }

    @Test
    void aGroupingNamedByGroupedSharesOneRepartitionTopicBetweenAggregations() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> grouped = builder.stream("in", STRINGS)
            .groupBy((k, v) -> v, Grouped.<String, String>as("by-v").withKeySerde(Serdes.string()));
        grouped.count(Materialized.as("n"));
        grouped.reduce((a, b) -> a + b, Materialized.as("r"));
        assertThat(builder.build().sourceTopics()).containsExactly("in", "by-v-repartition");
    }

    @Test
    void aRepartitionWithoutAValueSerdeIsAClearError() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Integer> lengths = builder.stream("in", STRINGS).mapValues(String::length);
        assertThatThrownBy(() -> lengths.groupBy((k, v) -> "x", Grouped.with(Serdes.string(), null)).count())
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("repartition")
            .hasMessageContaining("value serde is unknown");
        assertThatThrownBy(lengths::repartition)
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("value serde is unknown");
    }

    @Test
    void splitAddsABranchNodeWithOneChildPerBranchAndMergeHasTwoParents() {
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = builder.stream("in", STRINGS).split("b-")
            .branch((k, v) -> v.isEmpty(), Branched.as("empty"))
            .branch((k, v) -> v.length() > 3)
            .defaultBranch();
        assertThat(branches).containsOnlyKeys("b-empty", "b-2", "b-0");
        branches.get("b-2").merge(branches.get("b-0")).to((k, v) -> "out-" + v.length(),
            Produced.with(Serdes.string(), Serdes.string()));
        String text = builder.build().describe();
        assertThat(text).contains("""
                Processor: KSTREAM-BRANCH-0000000001 (stores: [])
                  --> KSTREAM-BRANCHCHILD-0000000002, KSTREAM-BRANCHCHILD-0000000003, KSTREAM-BRANCHCHILD-0000000004
            """, """
                Processor: KSTREAM-MERGE-0000000005 (stores: [])
                  --> KSTREAM-SINK-0000000006
                  <-- KSTREAM-BRANCHCHILD-0000000003, KSTREAM-BRANCHCHILD-0000000004
                Sink: KSTREAM-SINK-0000000006 (topic chooser)
            """);
        assertThatThrownBy(() -> new StreamsBuilder().stream("x", STRINGS).split()
            .branch((k, v) -> true, Branched.as("a"))
            .branch((k, v) -> true, Branched.as("a")).noDefaultBranch())
            .isInstanceOf(TopologyException.class).hasMessageContaining("named alike");
    }
}
