package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.admin.ConfigEntry;
import io.tributary.clients.admin.ConfigResource;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Topologies run by {@link TributaryStreams} against an in-process broker-lite. */
class StreamsIntegrationTest extends EmbeddedStreamsTest {

    @Test
    void aFilterAndMapPipelineRunsEndToEndAndCommitsWhatItConsumed() {
        createTopics("orders", "big-orders");
        List<String> peeked = new CopyOnWriteArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("orders", Consumed.with(Serdes.string(), Serdes.string()))
            .filterNot((k, v) -> v.isBlank())
            .mapValues(Integer::parseInt)
            .filter((k, amount) -> amount >= 100)
            .peek((k, amount) -> peeked.add(k))
            .map((k, amount) -> KeyValue.pair(k.toUpperCase(), "amount=" + amount))
            .selectKey((k, v) -> "order-" + k)
            .to("big-orders", Produced.with(Serdes.string(), Serdes.string()));

        for (int i = 0; i < 20; i++) {
            send("orders", "o" + i, i % 5 == 0 ? " " : String.valueOf(i * 10));
        }
        try (var streams = start(builder.build(), "orders-app")) {
            List<ConsumerRecord<String, String>> out = read("big-orders", 8, Serdes.string().deserializer(),
                Serdes.string().deserializer(), false);

            Map<String, String> byKey = new LinkedHashMap<>();
            out.forEach(r -> byKey.put(r.key(), r.value()));
            // amounts i*10 >= 100 for i in 10..19, minus the blank ones (i = 10, 15)
            assertThat(byKey).containsOnlyKeys("order-O11", "order-O12", "order-O13", "order-O14", "order-O16",
                "order-O17", "order-O18", "order-O19");
            assertThat(byKey).containsEntry("order-O12", "amount=120");
            assertThat(out).hasSize(8);
            assertThat(peeked).hasSize(8);

            // at-least-once: once the output is acknowledged, the consumed offsets are committed, up to the end
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (TopicDescription d : admin.describeTopics(List.of("orders")).join().values()) {
                d.partitions().forEach(p -> ends.put(new TopicPartition("orders", p.partition()), null));
            }
            Map<TopicPartition, Long> expected = new HashMap<>();
            admin.listOffsets(ends.keySet().stream().collect(java.util.stream.Collectors.toMap(tp -> tp,
                    tp -> io.tributary.clients.admin.OffsetSpec.latest()))).join()
                .forEach((tp, info) -> expected.put(tp, info.offset()));
            await().atMost(WAIT).untilAsserted(() -> {
                Map<TopicPartition, Long> committed = new HashMap<>();
                admin.listConsumerGroupOffsets("orders-app").join()
                    .forEach((tp, om) -> committed.put(tp, om.offset()));
                assertThat(committed).isEqualTo(expected);
            });
            assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
        }
    }

    @Test
    void wordCountContinuesFromItsChangelogAfterARestart() {
        createTopics("words", "word-counts");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.string(), Serdes.string()))
            .mapValues(String::toLowerCase)
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .to("word-counts", Produced.with(Serdes.string(), Serdes.longs()));
        Topology topology = builder.build();

        List<String> first = List.of("apple", "pear", "apple", "fig", "apple", "pear");
        first.forEach(w -> send("words", w, w));
        var streams = start(topology, "word-count");
        Map<String, Long> latest = latestCounts(first.size());
        assertThat(latest).containsExactlyInAnyOrderEntriesOf(Map.of("apple", 3L, "pear", 2L, "fig", 1L));
        assertThat(streams.close(WAIT)).isTrue();
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.NOT_RUNNING);

        // the changelog: compacted, one partition per input partition
        String changelog = "word-count-counts-changelog";
        assertThat(admin.describeTopics(List.of(changelog)).join().get(changelog).partitions()).hasSize(2);
        List<ConfigEntry> configs = admin.describeConfigs(List.of(ConfigResource.topic(changelog))).join()
            .values().iterator().next();
        assertThat(configs).anyMatch(e -> e.name().equals("cleanup.policy") && e.value().equals("compact"));

        List<String> second = List.of("fig", "apple", "kiwi");
        second.forEach(w -> send("words", w, w));
        var restarted = start(topology, "word-count");
        try {
            latest = latestCounts(first.size() + second.size());
            assertThat(latest).containsExactlyInAnyOrderEntriesOf(
                Map.of("apple", 4L, "pear", 2L, "fig", 2L, "kiwi", 1L));
        } finally {
            assertThat(restarted.close(WAIT)).isTrue();
        }
    }

    private Map<String, Long> latestCounts(int updates) {
        Map<String, Long> latest = new HashMap<>();
        read("word-counts", updates, Serdes.string().deserializer(), Serdes.longs().deserializer(), false)
            .forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    @Test
    void reduceAndAggregateShareASourceAndEmitEveryUpdate() {
        createTopics("purchases", "histories", "totals");
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> purchases = builder.stream("purchases", Consumed.with(Serdes.string(), Serdes.string()));
        purchases.groupByKey()
            .reduce((a, b) -> a + "," + b, Materialized.as("history"))
            .toStream()
            .to("histories");
        KTable<String, Long> totals = purchases.mapValues(v -> (long) v.length())
            .groupByKey(Grouped.with(Serdes.string(), Serdes.longs()))
            .aggregate(() -> 0L, (customer, length, sum) -> sum + length,
                Materialized.<String, Long>as("totals").withValueSerde(Serdes.longs()));
        totals.toStream().to("totals");
        assertThat(totals.queryableStoreName()).isEqualTo("totals");

        send("purchases", "ann", "tea");
        send("purchases", "bob", "coffee");
        send("purchases", "ann", "scone");
        send("purchases", "ann", "jam");
        try (var streams = start(builder.build(), "purchases-app")) {
            List<ConsumerRecord<String, String>> histories = read("histories", 4, Serdes.string().deserializer(),
                Serdes.string().deserializer(), false);
            assertThat(histories).filteredOn(r -> r.key().equals("ann")).extracting(ConsumerRecord::value)
                .containsExactly("tea", "tea,scone", "tea,scone,jam");
            assertThat(histories).filteredOn(r -> r.key().equals("bob")).extracting(ConsumerRecord::value)
                .containsExactly("coffee");

            Map<String, Long> sums = new HashMap<>();
            read("totals", 4, Serdes.string().deserializer(), Serdes.longs().deserializer(), false)
                .forEach(r -> sums.put(r.key(), r.value()));
            assertThat(sums).containsExactlyInAnyOrderEntriesOf(Map.of("ann", 11L, "bob", 6L));
            assertThat(admin.listTopics().join()).contains("purchases-app-history-changelog",
                "purchases-app-totals-changelog");
        }
    }

    @Test
    void aMissingSourceTopicIsAClearErrorAtStart() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("no-such-topic", Consumed.with(Serdes.string(), Serdes.string())).groupByKey().count();
        var streams = new TributaryStreams(builder.build(), Map.of("application.id", "missing",
            "bootstrap.servers", bootstrap));
        assertThatThrownBy(streams::start).isInstanceOf(TopologyException.class)
            .hasMessageContaining("[no-such-topic] do not exist");
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.CREATED);
        streams.close(WAIT);
    }
}
