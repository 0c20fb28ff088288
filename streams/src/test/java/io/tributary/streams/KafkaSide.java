package io.tributary.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * The equivalence tests' topologies written with Kafka Streams' own DSL (4.4), and a runner through Kafka's
 * {@code TopologyTestDriver} with the record cache off ({@code statestore.cache.max.bytes=0}), so every update is
 * emitted as ours does. Outputs are "key=value@timestamp" strings, the form the tests compare.
 */
final class KafkaSide {
    private static final Serde<String> S = Serdes.String();
    private static final Consumed<String, String> STRINGS = Consumed.with(S, S);
    private static final Produced<String, String> OUT = Produced.with(S, S);

    private KafkaSide() {
    }

    /** Runs the topology {@code define} builds on {@code inputs} and returns what went to each of {@code outputs}. */
    static Map<String, List<String>> run(Consumer<StreamsBuilder> define, List<KafkaStreamsEquivalenceTest.In> inputs,
                                         List<String> outputs) {
        StreamsBuilder builder = new StreamsBuilder();
        define.accept(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "equivalence");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "driver.invalid:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        Path stateDir = stateDir();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (var driver = new org.apache.kafka.streams.TopologyTestDriver(builder.build(), props,
            Instant.ofEpochMilli(0))) {
            Map<String, TestInputTopic<String, String>> in = new HashMap<>();
            for (var record : inputs) {
                in.computeIfAbsent(record.topic(), t -> driver.createInputTopic(t, S.serializer(), S.serializer()))
                    .pipeInput(record.key(), record.value(), record.timestamp());
            }
            Map<String, List<String>> out = new HashMap<>();
            for (String topic : outputs) {
                out.put(topic, driver.createOutputTopic(topic, S.deserializer(), S.deserializer())
                    .readRecordsToList().stream().map(r -> r.key() + "=" + r.value() + "@" + r.timestamp()).toList());
            }
            return out;
        } finally {
            deleteRecursively(stateDir);
        }
    }

    private static Path stateDir() {
        try {
            return Files.createTempDirectory("kafka-equivalence");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void wordCount(StreamsBuilder builder) {
        builder.stream("lines", STRINGS)
            .flatMapValues(line -> Arrays.asList(line.split(" ")))
            .groupBy((k, word) -> word, Grouped.with(S, S))
            .count()
            .toStream().mapValues(String::valueOf).to("counts", OUT);
    }

    static void windowedCount(StreamsBuilder builder) {
        builder.stream("events", STRINGS)
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(5)))
            .count()
            .toStream((w, n) -> w.key() + "@" + w.window().start() + "-" + w.window().end())
            .mapValues(String::valueOf).to("windowed", OUT);
    }

    static void streamTableJoins(StreamsBuilder builder) {
        KTable<String, String> users = builder.table("users", STRINGS);
        KStream<String, String> clicks = builder.stream("clicks", STRINGS);
        clicks.join(users, (click, city) -> click + "/" + city).to("joined", OUT);
        clicks.leftJoin(users, (click, city) -> click + "/" + city).to("left", OUT);
    }

    static void tableAggregate(StreamsBuilder builder) {
        var grouped = builder.table("users", STRINGS)
            .groupBy((user, city) -> KeyValue.pair(city, user), Grouped.with(S, S));
        grouped.count().toStream().mapValues(String::valueOf).to("counts", OUT);
        grouped.aggregate(() -> "", (city, user, agg) -> agg + "+" + user, (city, user, agg) -> agg + "-" + user,
                Materialized.with(S, S))
            .toStream().to("members", OUT);
    }

    static void tableTableJoins(StreamsBuilder builder) {
        KTable<String, String> left = builder.table("left", STRINGS);
        KTable<String, String> right = builder.table("right", STRINGS);
        left.outerJoin(right, (l, r) -> l + "+" + r).toStream().to("outer", OUT);
        left.join(right, (l, r) -> l + "+" + r).toStream().to("inner", OUT);
        left.leftJoin(right, (l, r) -> l + "+" + r).toStream().to("leftjoin", OUT);
    }

    static void tableFilter(StreamsBuilder builder) {
        builder.table("prices", STRINGS)
            .filter((k, v) -> v.length() > 1)
            .toStream().to("filtered", OUT);
        builder.table("named", STRINGS, Materialized.as("named-store"))
            .filter((k, v) -> v.length() > 1)
            .toStream().to("filtered-named", OUT);
    }

    /** A sliding-window count and a concatenating aggregate (which records each window holds), windows as text. */
    static void slidingWindows(StreamsBuilder builder) {
        var grouped = builder.stream("events", STRINGS).groupByKey();
        var windowed = grouped.windowedBy(
            SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)));
        windowed.count()
            .toStream((w, n) -> w.key() + "@" + w.window().start() + "-" + w.window().end())
            .mapValues(String::valueOf).to("sliding-count", OUT);
        windowed.aggregate(() -> "", (k, v, agg) -> agg + "+" + v, Materialized.with(S, S))
            .toStream((w, agg) -> w.key() + "@" + w.window().start() + "-" + w.window().end())
            .to("sliding-agg", OUT);
        grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)))
            .reduce((a, b) -> a + "," + b)
            .toStream((w, agg) -> w.key() + "@" + w.window().start() + "-" + w.window().end())
            .to("sliding-reduce", OUT);
    }
}
