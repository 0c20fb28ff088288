package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.record.Header;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import io.tributary.streams.processor.api.Processor;
import io.tributary.streams.processor.api.ProcessorContext;
import io.tributary.streams.processor.api.ProcessorSupplier;
import io.tributary.streams.processor.api.PunctuationType;
import io.tributary.streams.processor.api.Record;
import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.state.Stores;
import io.tributary.streams.state.WindowStore;
import io.tributary.streams.state.WindowStoreIterator;
import io.tributary.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologyTestDriverTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());
    private static final Instant T0 = Instant.ofEpochMilli(1_000_000);

    @Test
    void wordCountGoesThroughTheRepartitionTopicAndKeepsCountsInTheStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", STRINGS)
            .flatMapValues(line -> Arrays.asList(line.split(" ")))
            .groupBy((k, word) -> word, Grouped.with(Serdes.string(), Serdes.string()))
            .count(Materialized.as("counts"))
            .toStream()
            .to("word-counts", Produced.with(Serdes.string(), Serdes.longs()));

        try (var driver = new TopologyTestDriver(builder.build(), Map.of("application.id", "wc"), T0)) {
            var in = driver.createInputTopic("lines", Serdes.string().serializer(), Serdes.string().serializer());
            var out = driver.createOutputTopic("word-counts", Serdes.string().deserializer(),
                Serdes.longs().deserializer());
            in.pipeInput("a b a");
            in.pipeInput(null, "b c", T0.plusSeconds(5));

            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("b", 1L),
                KeyValue.pair("a", 2L), KeyValue.pair("b", 2L), KeyValue.pair("c", 1L));
            assertThat(out.isEmpty()).isTrue();
            assertThatThrownBy(out::readRecord).isInstanceOf(NoSuchElementException.class);

            KeyValueStore<String, Long> counts = driver.getKeyValueStore("counts");
            assertThat(counts.get("a")).isEqualTo(2L);
            assertThat(counts.approximateNumEntries()).isEqualTo(3);
            assertThat(driver.producedTopicNames()).contains("word-counts", "wc-counts-changelog",
                "wc-counts-repartition");
            // the changelog holds every update, with the input record's timestamp
            var changelog = driver.createOutputTopic("wc-counts-changelog", Serdes.string().deserializer(),
                Serdes.longs().deserializer());
            List<TestRecord<String, Long>> updates = changelog.readRecordsToList();
            assertThat(updates).hasSize(5);
            assertThat(updates.get(4).timestamp()).isEqualTo(T0.plusSeconds(5).toEpochMilli());
        }
    }

    @Test
    void persistentStoresWorkInTheDriverAndAClosedDriverRefusesAccess() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", STRINGS)
            .groupBy((k, v) -> v, Grouped.with(Serdes.string(), Serdes.string()))
            .count(Materialized.as(Stores.persistentKeyValueStore("rocks")))
            .toStream()
            .to("counts", Produced.with(Serdes.string(), Serdes.longs()));
        var driver = new TopologyTestDriver(builder.build());
        try (driver) {
            var in = driver.createInputTopic("lines", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeValueList(List.of("x", "y", "x"));
            KeyValueStore<String, Long> store = driver.getKeyValueStore("rocks");
            assertThat(store.persistent()).isTrue();
            assertThat(store.get("x")).isEqualTo(2L);
            assertThat(driver.createOutputTopic("counts", Serdes.string().deserializer(),
                Serdes.longs().deserializer()).readKeyValuesToMap()).containsExactly(Map.entry("x", 2L),
                Map.entry("y", 1L));
        }
        assertThatThrownBy(() -> driver.getStateStore("rocks")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void inputTopicsGiveRecordsTheirTimeAndAutoAdvance() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", STRINGS).to("out");
        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer(), T0,
                Duration.ofSeconds(1));
            var out = driver.createOutputTopic("out", Serdes.string().deserializer(), Serdes.string().deserializer());
            List<Header> headers = List.of(new Header("h", "v".getBytes(StandardCharsets.UTF_8)));
            in.pipeInput("k", "v1");
            in.pipeInput("k", "v2");
            in.pipeInput(new TestRecord<>("k", "v3", headers, 5L));
            in.advanceTime(Duration.ofMinutes(1));
            in.pipeValueList(List.of("v4"));

            assertThat(out.readRecordsToList()).containsExactly(
                new TestRecord<>("k", "v1", T0),
                new TestRecord<>("k", "v2", T0.plusSeconds(1)),
                new TestRecord<>("k", "v3", headers, 5L),
                new TestRecord<>(null, "v4", T0.plusSeconds(62)));
            assertThatThrownBy(() -> driver.createInputTopic("nope", Serdes.string().serializer(),
                Serdes.string().serializer())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        }
    }

    @Test
    void windowedCountsLiveInAWindowStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", STRINGS).groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(5)))
            .count(Materialized.as("per-10s"))
            .toStream()
            .to("counts", Produced.with(WindowedSerdes.windowed(Serdes.string()), Serdes.longs()));

        try (var driver = new TopologyTestDriver(builder.build())) {
            var in = driver.createInputTopic("clicks", Serdes.string().serializer(), Serdes.string().serializer());
            var out = driver.createOutputTopic("counts", WindowedSerdes.windowed(Serdes.string()).deserializer(),
                Serdes.longs().deserializer());
            in.pipeInput("alice", "x", 1_000L);
            in.pipeInput("alice", "x", 12_000L);
            in.pipeInput("alice", "x", 9_000L);   // window [0, 10s) still open until stream time 15s
            in.pipeInput("bob", "x", 16_000L);
            in.pipeInput("alice", "x", 2_000L);   // closed: dropped

            assertThat(out.readKeyValuesToList()).containsExactly(
                KeyValue.pair(new Windowed<>("alice", new Window(0, 10_000)), 1L),
                KeyValue.pair(new Windowed<>("alice", new Window(10_000, 20_000)), 1L),
                KeyValue.pair(new Windowed<>("alice", new Window(0, 10_000)), 2L),
                KeyValue.pair(new Windowed<>("bob", new Window(10_000, 20_000)), 1L));

            WindowStore<String, Long> store = driver.getWindowStore("per-10s");
            assertThat(store.fetch("alice", 0L)).isEqualTo(2L);
            List<KeyValue<Long, Long>> alice = new ArrayList<>();
            try (WindowStoreIterator<Long> it = store.fetch("alice", 0, 20_000)) {
                it.forEachRemaining(alice::add);
            }
            assertThat(alice).containsExactly(KeyValue.pair(0L, 2L), KeyValue.pair(10_000L, 1L));
            List<KeyValue<Windowed<String>, Long>> all = new ArrayList<>();
            try (KeyValueIterator<Windowed<String>, Long> it = store.fetchAll(10_000, 10_000)) {
                it.forEachRemaining(all::add);
            }
            assertThat(all).containsExactlyInAnyOrder(
                KeyValue.pair(new Windowed<>("alice", new Window(10_000, 20_000)), 1L),
                KeyValue.pair(new Windowed<>("bob", new Window(10_000, 20_000)), 1L));
            assertThatThrownBy(() -> driver.getKeyValueStore("per-10s")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Sums values per key in a store; forwards the sums on a schedule, and tags records with their source. */
    static final class Summer implements Processor<String, Long, String, String> {
        private final PunctuationType type;
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, Long> sums;

        Summer(PunctuationType type) {
            this.type = type;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.sums = context.getStateStore("sums");
            context.schedule(Duration.ofSeconds(10), type, ts -> {
                try (KeyValueIterator<String, Long> it = sums.all()) {
                    it.forEachRemaining(kv -> context.forward(new Record<>(kv.key(), "sum@" + ts + "=" + kv.value(),
                        ts), "sums-out"));
                }
            });
        }

        @Override
        public void process(Record<String, Long> record) {
            Long old = sums.get(record.key());
            sums.put(record.key(), (old == null ? 0 : old) + record.value());
            String from = context.recordMetadata().map(m -> m.topic() + "@" + m.offset()).orElse("?");
            context.forward(record.withValue("seen " + record.value() + " from " + from), "seen-out");
        }
    }

    private static Topology summerTopology(PunctuationType type) {
        StoreBuilder<KeyValueStore<String, Long>> sums = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("sums"), Serdes.string(), Serdes.longs());
        return new Topology()
            .addSource("numbers", Serdes.string().deserializer(), Serdes.longs().deserializer(), "numbers")
            .addProcessor("summer", () -> new Summer(type), "numbers")
            .addStateStore(sums, "summer")
            .addSink("seen-out", "seen", Serdes.string().serializer(), Serdes.string().serializer(), "summer")
            .addSink("sums-out", "sums", Serdes.string().serializer(), Serdes.string().serializer(), "summer");
    }

    @Test
    void processorApiWithAStoreChildNamesAndStreamTimePunctuation() {
        try (var driver = new TopologyTestDriver(summerTopology(PunctuationType.STREAM_TIME))) {
            var in = driver.createInputTopic("numbers", Serdes.string().serializer(), Serdes.longs().serializer());
            var seen = driver.createOutputTopic("seen", Serdes.string().deserializer(), Serdes.string().deserializer());
            var sums = driver.createOutputTopic("sums", Serdes.string().deserializer(), Serdes.string().deserializer());

            in.pipeInput("a", 1L, 3_000L);    // stream time 3s: the first punctuation (grid 0, 10s, ...) fires at 3s
            in.pipeInput("a", 2L, 5_000L);
            in.pipeInput("b", 7L, 9_999L);
            assertThat(sums.readValuesToList()).containsExactly("sum@3000=1");
            in.pipeInput("b", 1L, 4_000L);    // out of order: stream time stays 9999
            assertThat(sums.isEmpty()).isTrue();
            in.pipeInput("a", 1L, 25_000L);   // jumps two intervals: fires once
            assertThat(sums.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "sum@25000=4"),
                KeyValue.pair("b", "sum@25000=8"));
            in.pipeInput("a", 1L, 29_000L);
            assertThat(sums.isEmpty()).isTrue();
            in.pipeInput("a", 1L, 30_000L);
            assertThat(sums.readKeyValuesToList()).hasSize(2);
            assertThat(seen.readValuesToList()).startsWith("seen 1 from numbers@0", "seen 2 from numbers@1")
                .hasSize(7);
            driver.advanceWallClockTime(Duration.ofHours(1));
            assertThat(sums.isEmpty()).isTrue();
        }
    }

    @Test
    void wallClockPunctuationFiresOnlyWhenTheClockMoves() {
        try (var driver = new TopologyTestDriver(summerTopology(PunctuationType.WALL_CLOCK_TIME), Map.of(), T0)) {
            var in = driver.createInputTopic("numbers", Serdes.string().serializer(), Serdes.longs().serializer());
            var sums = driver.createOutputTopic("sums", Serdes.string().deserializer(), Serdes.string().deserializer());
            in.pipeInput("a", 5L, 100_000_000L);
            assertThat(sums.isEmpty()).isTrue();
            driver.advanceWallClockTime(Duration.ofSeconds(9));
            assertThat(sums.isEmpty()).isTrue();
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            TestRecord<String, String> fired = sums.readRecord();
            assertThat(fired.value()).isEqualTo("sum@" + T0.plusSeconds(10).toEpochMilli() + "=5");
            assertThat(fired.timestamp()).isEqualTo(T0.plusSeconds(10).toEpochMilli());
            driver.advanceWallClockTime(Duration.ofSeconds(35));
            assertThat(sums.getQueueSize()).isEqualTo(1);
        }
    }

    @Test
    void processInTheDslUsesStoresFromItsSupplierAndChangesTypes() {
        StoreBuilder<KeyValueStore<String, String>> last = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("last"), Serdes.string(), Serdes.string());
        ProcessorSupplier<String, String, String, Integer> changes = new ProcessorSupplier<>() {
            @Override
            public Processor<String, String, String, Integer> get() {
                return new Processor<>() {
                    private ProcessorContext<String, Integer> context;
                    private KeyValueStore<String, String> store;

                    @Override
                    public void init(ProcessorContext<String, Integer> context) {
                        this.context = context;
                        this.store = context.getStateStore("last");
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        String before = store.get(record.key());
                        store.put(record.key(), record.value());
                        if (!record.value().equals(before)) {
                            context.forward(record.withValue(record.value().length()));
                        }
                    }
                };
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(last);
            }
        };
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", STRINGS).process(changes).to("lengths", Produced.with(Serdes.string(), Serdes.integer()));
        Topology topology = builder.build();
        assertThat(topology.storeNames()).containsExactly("last");

        try (var driver = new TopologyTestDriver(topology)) {
            var in = driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer());
            var out = driver.createOutputTopic("lengths", Serdes.string().deserializer(),
                Serdes.integer().deserializer());
            in.pipeKeyValueList(List.of(KeyValue.pair("k", "aa"), KeyValue.pair("k", "aa"), KeyValue.pair("k", "bbb"),
                KeyValue.pair("j", "c")));
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("k", 2), KeyValue.pair("k", 3),
                KeyValue.pair("j", 1));
            KeyValueStore<String, String> store = driver.getKeyValueStore("last");
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, String> it = store.range("a", "k")) {
                it.forEachRemaining(kv -> keys.add(kv.key()));
            }
            assertThat(keys).containsExactly("j", "k");
        }
    }

    @Test
    void aProcessorMayOnlyUseConnectedStoresAndForwardToItsOwnChildren() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("other"), Serdes.string(),
            Serdes.string()));
        builder.stream("in", STRINGS).process(() -> new Processor<String, String, String, String>() {
            @Override
            public void init(ProcessorContext<String, String> context) {
                context.getStateStore("other");
            }

            @Override
            public void process(Record<String, String> record) {
            }
        });
        assertThatThrownBy(() -> new TopologyTestDriver(builder.build())).isInstanceOf(StreamsException.class)
            .hasMessageContaining("not connected to store other");

        Topology t = new Topology()
            .addSource("src", Serdes.string().deserializer(), Serdes.string().deserializer(), "in")
            .addProcessor("p", () -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    context.forward(record, "nobody");
                }
            }, "src");
        try (var driver = new TopologyTestDriver(t)) {
            var in = driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer());
            assertThatThrownBy(() -> in.pipeInput("k", "v")).isInstanceOf(StreamsException.class)
                .hasMessageContaining("has no child nobody");
        }
        assertThatThrownBy(() -> new Topology().addSource("s", Serdes.string().deserializer(),
            Serdes.string().deserializer(), "in").addProcessor("p", () -> null, "missing"))
            .isInstanceOf(TopologyException.class).hasMessageContaining("unknown parent missing");
    }
}
