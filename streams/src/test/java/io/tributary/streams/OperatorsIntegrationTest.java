package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.admin.ConfigResource;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Branched;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.clients.serialization.Serde;
import io.tributary.streams.kstream.KGroupedStream;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.Repartitioned;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** flatMap, split, merge, topic choosers and repartitioning, run against an in-process broker-lite. */
class OperatorsIntegrationTest extends EmbeddedStreamsTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());
    private static final Produced<String, String> STRINGS_OUT = Produced.with(Serdes.string(), Serdes.string());

    private List<ConsumerRecord<String, String>> readStrings(String topic, int count) {
        return read(topic, count, Serdes.string().deserializer(), Serdes.string().deserializer(), true);
    }

    private static List<String> words(String line) {
        return Arrays.stream(line.split(" ")).filter(w -> !w.isEmpty()).toList();
    }

    @Test
    void flatMapSplitMergeAndATopicChooserRouteEveryRecord() {
        createTopics("lines", "merged", "even-words", "odd-words");
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> words = builder.stream("lines", STRINGS)
            .flatMapValues(OperatorsIntegrationTest::words);
        Map<String, KStream<String, String>> branches = words.split("w-")
            .branch((line, w) -> "aeiou".indexOf(w.charAt(0)) >= 0, Branched.as("vowel"))
            .branch((line, w) -> w.length() > 5, Branched.as("long"))
            .defaultBranch();
        branches.get("w-vowel").merge(branches.get("w-long"))
            .flatMap((line, w) -> List.of(KeyValue.pair(w, line), KeyValue.pair(w.toUpperCase(), line)))
            .to("merged", STRINGS_OUT);
        branches.get("w-0").to((line, w) -> w.length() % 2 == 0 ? "even-words" : "odd-words", STRINGS_OUT);

        send("lines", "l1", "apple banana cherry");
        send("lines", "l2", "egg fig grapefruit kiwi");
        send("lines", "l3", "");
        try (var streams = start(builder.build(), "operators-app")) {
            Map<String, String> merged = readStrings("merged", 10).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
            assertThat(merged).containsExactlyInAnyOrderEntriesOf(Map.of(
                "apple", "l1", "APPLE", "l1", "egg", "l2", "EGG", "l2", "banana", "l1", "BANANA", "l1",
                "cherry", "l1", "CHERRY", "l1", "grapefruit", "l2", "GRAPEFRUIT", "l2"));
            assertThat(readStrings("even-words", 1)).extracting(ConsumerRecord::value).containsExactly("kiwi");
            assertThat(readStrings("odd-words", 1)).extracting(ConsumerRecord::value).containsExactly("fig");
            assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
        }
    }

    @Test
    void wordCountWithGroupByIsCorrectAcrossTasksThroughARepartitionTopic() {
        createTopics("text", "wc-by-groupby", "wc-by-repartition");
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> words = builder.stream("text", STRINGS)
            .flatMapValues(OperatorsIntegrationTest::words);
        words.groupBy((line, w) -> w, Grouped.with(Serdes.string(), Serdes.string()))
            .count(Materialized.as("word-counts"))
            .toStream()
            .to("wc-by-groupby", Produced.with(Serdes.string(), Serdes.longs()));
        // the same count through an explicit, named repartition (no second repartition before the grouping)
        words.selectKey((line, w) -> w)
            .repartition(Repartitioned.<String, String>as("by-word").withKeySerde(Serdes.string())
                .withValueSerde(Serdes.string()))
            .groupByKey()
            .count(Materialized.as("word-counts-2"))
            .toStream()
            .to("wc-by-repartition", Produced.with(Serdes.string(), Serdes.longs()));

        // lines keyed so they land on both input partitions: a word appears on both, so without a repartition its
        // count would be split between the two tasks
        List<String> lines = List.of("the cat sat", "the dog ran", "a cat and a dog", "the end", "cat cat cat",
            "dog", "the the", "end of the cat");
        Map<String, Long> expected = new HashMap<>();
        java.util.Set<Integer> inputPartitions = new java.util.HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            inputPartitions.add(producer.send(new ProducerRecord<>("text", "line-" + i, lines.get(i))).join()
                .partition());
            words(lines.get(i)).forEach(w -> expected.merge(w, 1L, Long::sum));
        }
        assertThat(inputPartitions).containsExactlyInAnyOrder(0, 1);
        int updates = expected.values().stream().mapToInt(Long::intValue).sum();

        try (var streams = start(builder.build(), "wc2")) {
            for (String output : List.of("wc-by-groupby", "wc-by-repartition")) {
                List<ConsumerRecord<String, Long>> out = read(output, updates, Serdes.string().deserializer(),
                    Serdes.longs().deserializer(), true);
                Map<String, Long> latest = new HashMap<>();
                Map<String, List<Long>> perWord = new HashMap<>();
                for (ConsumerRecord<String, Long> r : out) {
                    latest.put(r.key(), r.value());
                    perWord.computeIfAbsent(r.key(), w -> new ArrayList<>()).add(r.value());
                }
                assertThat(latest).as(output).containsExactlyInAnyOrderEntriesOf(expected);
                assertThat(out).as(output).hasSize(updates);
                // one task counts each word: its updates are 1, 2, ..., n in one partition of the output
                perWord.forEach((w, counts) -> assertThat(counts).as(w)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, expected.get(w)).boxed().toList()));
            }
            for (String topic : List.of("wc2-word-counts-repartition", "wc2-by-word-repartition")) {
                assertThat(admin.describeTopics(List.of(topic)).join().get(topic).partitions()).as(topic).hasSize(2);
            }
            assertThat(admin.listTopics().join()).doesNotContain("wc2-word-counts-2-repartition");
            assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
        }
    }

    private void sendAt(String topic, String key, long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, "click", null)).join();
    }

    @Test
    void windowedCountsDropRecordsAfterTheGracePeriodRestoreFromTheChangelogAndDeleteClosedWindows() {
        createTopics("clicks", "clicks-per-10s", "clicks-hopping", "click-times");
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> byUser = builder.stream("clicks", STRINGS).groupByKey();
        Serde<Windowed<String>> windowed = WindowedSerdes.windowed(Serdes.string());
        byUser.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(5)))
            .count(Materialized.as("clicks-10s"))
            .toStream()
            .to("clicks-per-10s", Produced.with(windowed, Serdes.longs()));
        byUser.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)).advanceBy(Duration.ofSeconds(5)))
            .count()
            .toStream()
            .to("clicks-hopping");
        byUser.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
            .reduce((a, b) -> a + "+" + b)
            .toStream()
            .to("click-times");
        Topology topology = builder.build();
        assertThat(topology.storeNames()).containsExactly("clicks-10s", "clicks-window-count-1-store",
            "clicks-window-reduce-1-store");

        sendAt("clicks", "alice", 1_000);
        sendAt("clicks", "alice", 2_000);
        sendAt("clicks", "bob", 3_000);
        sendAt("clicks", "alice", 12_000);
        sendAt("clicks", "alice", 9_000);   // late, but window [0, 10s) is open until stream time 15s
        sendAt("clicks", "alice", 21_000);
        sendAt("clicks", "alice", 4_000);   // after [0, 10s)'s grace: dropped
        var streams = start(topology, "clicks-app");
        Map<Windowed<String>, List<Long>> tumbling = new HashMap<>();
        for (ConsumerRecord<Windowed<String>, Long> r : read("clicks-per-10s", 6, windowed.deserializer(),
            Serdes.longs().deserializer(), true)) {
            tumbling.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        assertThat(tumbling).containsExactlyInAnyOrderEntriesOf(Map.of(
            new Windowed<>("alice", new Window(0, 10_000)), List.of(1L, 2L, 3L),
            new Windowed<>("bob", new Window(0, 10_000)), List.of(1L),
            new Windowed<>("alice", new Window(10_000, 20_000)), List.of(1L),
            new Windowed<>("alice", new Window(20_000, 30_000)), List.of(1L)));

        // hopping, no grace: alice's 9s record is late for [0, 10s) (stream time 12s) but counts in [5s, 15s)
        Map<Windowed<String>, Long> hopping = new HashMap<>();
        read("clicks-hopping", 8, windowed.deserializer(), Serdes.longs().deserializer(), true)
            .forEach(r -> hopping.put(r.key(), r.value()));
        assertThat(hopping).containsExactlyInAnyOrderEntriesOf(Map.of(
            new Windowed<>("alice", new Window(0, 10_000)), 2L,
            new Windowed<>("bob", new Window(0, 10_000)), 1L,
            new Windowed<>("alice", new Window(5_000, 15_000)), 2L,
            new Windowed<>("alice", new Window(10_000, 20_000)), 1L,
            new Windowed<>("alice", new Window(15_000, 25_000)), 1L,
            new Windowed<>("alice", new Window(20_000, 30_000)), 1L));
        // tumbling reduce without grace: alice's 9s record is late for [0, 10s), so that window holds two values
        Map<Windowed<String>, String> reduced = new HashMap<>();
        read("click-times", 5, windowed.deserializer(), Serdes.string().deserializer(), true)
            .forEach(r -> reduced.put(r.key(), r.value()));
        assertThat(reduced).containsEntry(new Windowed<>("alice", new Window(0, 10_000)), "click+click")
            .containsEntry(new Windowed<>("bob", new Window(0, 10_000)), "click").hasSize(4);
        assertThat(streams.close(WAIT)).isTrue();

        // a restart restores the window store from its changelog: the next click in [20s, 30s) makes 2
        sendAt("clicks", "alice", 22_000);
        try (var restarted = start(topology, "clicks-app")) {
            List<ConsumerRecord<Windowed<String>, Long>> all = read("clicks-per-10s", 7, windowed.deserializer(),
                Serdes.longs().deserializer(), true);
            assertThat(all).hasSize(7);
            assertThat(all.stream().filter(r -> r.key().window().start() == 20_000).map(ConsumerRecord::value))
                .containsExactly(1L, 2L);
            // closed windows leave the window store's changelog by time: compacted and deleted after retention + 1 day
            ConfigResource changelog = new ConfigResource(ConfigResource.Type.TOPIC, "clicks-app-clicks-10s-changelog");
            Map<String, String> configs = new HashMap<>();
            admin.describeConfigs(List.of(changelog)).join().get(changelog)
                .forEach(e -> configs.put(e.name(), e.value()));
            assertThat(configs).containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", Long.toString(15_000 + 86_400_000L));
            assertThat(restarted.state()).isEqualTo(TributaryStreams.State.RUNNING);
        }
    }
}
