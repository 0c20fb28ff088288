package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Branched;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.Repartitioned;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each DSL operator through the test driver: input "in" (string keys and values), output "out". */
class StatelessOperatorsTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());

    /** Builds {@code in → shape → out} and returns what "out" received for {@code input}. */
    private static List<KeyValue<String, String>> run(Consumer<KStream<String, String>> shape,
                                                      List<KeyValue<String, String>> input) {
        StreamsBuilder builder = new StreamsBuilder();
        shape.accept(builder.stream("in", STRINGS));
        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer());
            var out = driver.createOutputTopic("out", Serdes.string().deserializer(), Serdes.string().deserializer());
            in.pipeKeyValueList(input);
            return out.readKeyValuesToList();
        }
    }

    private static final List<KeyValue<String, String>> INPUT = List.of(KeyValue.pair("a", "one"),
        KeyValue.pair("b", "two three"), KeyValue.pair(null, "four"), KeyValue.pair("c", null));

    @Test
    void filterAndFilterNot() {
        assertThat(run(s -> s.filter((k, v) -> k != null).to("out"), INPUT))
            .containsExactly(INPUT.get(0), INPUT.get(1), INPUT.get(3));
        assertThat(run(s -> s.filterNot((k, v) -> k != null).to("out"), INPUT)).containsExactly(INPUT.get(2));
    }

    @Test
    void mapMapValuesAndSelectKey() {
        assertThat(run(s -> s.filter((k, v) -> v != null).map((k, v) -> KeyValue.pair(v, k)).to("out",
            Produced.with(Serdes.string(), Serdes.string())), INPUT))
            .containsExactly(KeyValue.pair("one", "a"), KeyValue.pair("two three", "b"), KeyValue.pair("four", null));
        assertThat(run(s -> s.mapValues(v -> v == null ? "-" : v.toUpperCase())
            .to("out", Produced.with(Serdes.string(), Serdes.string())), INPUT))
            .extracting(KeyValue::value).containsExactly("ONE", "TWO THREE", "FOUR", "-");
        assertThat(run(s -> s.selectKey((k, v) -> k + "!").to("out",
            Produced.with(Serdes.string(), Serdes.string())), INPUT))
            .extracting(KeyValue::key).containsExactly("a!", "b!", "null!", "c!");
    }

    @Test
    void flatMapAndFlatMapValues() {
        assertThat(run(s -> s.filter((k, v) -> v != null)
            .flatMapValues(v -> Arrays.asList(v.split(" ")))
            .to("out", Produced.with(Serdes.string(), Serdes.string())), INPUT))
            .containsExactly(KeyValue.pair("a", "one"), KeyValue.pair("b", "two"), KeyValue.pair("b", "three"),
                KeyValue.pair(null, "four"));
        assertThat(run(s -> s.flatMap((k, v) -> v == null ? null
                : List.of(KeyValue.pair(v, "1"), KeyValue.pair(v, "2")))
            .to("out", Produced.with(Serdes.string(), Serdes.string())), INPUT)).hasSize(6)
            .startsWith(KeyValue.pair("one", "1"), KeyValue.pair("one", "2"));
    }

    @Test
    void peekForeachMergeAndSplit() {
        List<String> peeked = new ArrayList<>();
        List<String> each = new ArrayList<>();
        List<KeyValue<String, String>> out = run(s -> {
            KStream<String, String> seen = s.peek((k, v) -> peeked.add(k));
            seen.foreach((k, v) -> each.add(v));
            Map<String, KStream<String, String>> branches = seen.split("b-")
                .branch((k, v) -> v != null && v.startsWith("t"), Branched.as("t"))
                .branch((k, v) -> k == null)
                .defaultBranch();
            assertThat(branches).containsOnlyKeys("b-t", "b-2", "b-0");
            branches.get("b-t").mapValues(v -> "T:" + v).merge(branches.get("b-0").mapValues(v -> "D:" + v))
                .to("out", Produced.with(Serdes.string(), Serdes.string()));
        }, INPUT);
        assertThat(peeked).containsExactly("a", "b", null, "c");
        assertThat(each).containsExactly("one", "two three", "four", null);
        assertThat(out).containsExactly(KeyValue.pair("a", "D:one"), KeyValue.pair("b", "T:two three"),
            KeyValue.pair("c", "D:null"));
    }

    @Test
    void topicChooserAndRepartition() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", STRINGS).repartition(Repartitioned.as("again"))
            .to((k, v) -> "out-" + k, Produced.with(Serdes.string(), Serdes.string()));
        try (var driver = new TopologyTestDriver(builder.build(), Map.of("application.id", "app"))) {
            var in = driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeInput("x", "1");
            in.pipeInput("y", "2");
            assertThat(driver.producedTopicNames()).containsExactly("app-again-repartition", "out-x", "out-y");
            assertThat(driver.createOutputTopic("out-y", Serdes.string().deserializer(),
                Serdes.string().deserializer()).readValue()).isEqualTo("2");
        }
    }

    @Test
    void groupedReduceAndAggregateEmitEveryUpdate() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> words = builder.stream("in", STRINGS)
            .flatMapValues(v -> Arrays.asList(v.split(" ")));
        var grouped = words.groupBy((k, w) -> w.substring(0, 1), Grouped.with(Serdes.string(), Serdes.string()));
        grouped.reduce((a, b) -> a + "+" + b).toStream().to("reduced");
        grouped.aggregate(() -> 0, (k, w, n) -> n + w.length(), Materialized.<String, Integer>as("lengths")
            .withValueSerde(Serdes.integer())).toStream().to("lengths", Produced.with(Serdes.string(),
            Serdes.integer()));
        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeInput("k", "tea toast sun");
            in.pipeInput("k", "tree");
            assertThat(driver.createOutputTopic("reduced", Serdes.string().deserializer(),
                Serdes.string().deserializer()).readKeyValuesToList()).containsExactly(KeyValue.pair("t", "tea"),
                KeyValue.pair("t", "tea+toast"), KeyValue.pair("s", "sun"), KeyValue.pair("t", "tea+toast+tree"));
            assertThat(driver.createOutputTopic("lengths", Serdes.string().deserializer(),
                Serdes.integer().deserializer()).readKeyValuesToMap()).containsExactly(Map.entry("t", 12),
                Map.entry("s", 3));
        }
    }
}
