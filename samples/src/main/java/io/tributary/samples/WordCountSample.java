package io.tributary.samples;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.Topology;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;

/**
 * The classic stream-processing example with Tributary's streams DSL (Kafka Streams' names): count the words of
 * lines of text as they arrive.
 *
 * <pre>
 * sample-lines ──► flatMapValues(split into words) ──► groupBy(word) ──► count ──► toStream ──► sample-word-counts
 *                                                    (repartition topic)   (store + changelog)
 * </pre>
 *
 * <p>It writes a few lines, runs the application until it has processed them (its committed offsets reach the end
 * of its input), then reads {@code sample-word-counts} and prints the latest count of each word. The counts live in
 * a state store backed by a changelog topic, so they survive a restart: run the sample twice against the same
 * cluster and the second run, which writes the same lines again, prints every count doubled.
 *
 * <pre>
 * java -cp samples/target/tributary-samples.jar io.tributary.samples.WordCountSample [--bootstrap-server host:port]
 * </pre>
 */
public final class WordCountSample {
    static final String LINES = "sample-lines";
    static final String COUNTS = "sample-word-counts";
    static final String APPLICATION_ID = "sample-word-count";
    static final List<String> TEXT = List.of(
        "The quick brown fox jumps over the lazy dog",
        "The dog sleeps",
        "A quick fox, a lazy dog!");

    private WordCountSample() {
    }

    public static void main(String[] args) throws Exception {
        try (TargetCluster cluster = TargetCluster.fromArgs(args)) {
            run(cluster.bootstrapServers());
        }
    }

    /** The application: what it reads, how it transforms it, where the results go. */
    static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(LINES, Consumed.with(Serdes.string(), Serdes.string()))
            // one line in, its words out (lower case, without punctuation); the key (none here) is kept
            .flatMapValues(line -> Arrays.stream(line.toLowerCase(Locale.ROOT).split("\\W+"))
                .filter(word -> !word.isEmpty()).toList())
            // re-key by word: the records go through a repartition topic, so each word is counted in one place
            .groupBy((key, word) -> word, Grouped.with(Serdes.string(), Serdes.string()))
            // a running count per word in the store "word-counts" (changelog: sample-word-count-word-counts-changelog)
            .count(Materialized.as("word-counts"))
            // every change of a count becomes a record: key = word, value = its new count
            .toStream()
            .to(COUNTS, Produced.with(Serdes.string(), Serdes.longs()));
        return builder.build();
    }

    static void run(String bootstrapServers) throws Exception {
        createTopics(bootstrapServers);
        writeLines(bootstrapServers);

        Topology topology = topology();
        System.out.println(topology.describe());
        Map<String, Object> settings = Map.of(
            "application.id", APPLICATION_ID,        // the consumer group, and the prefix of the internal topics
            "bootstrap.servers", bootstrapServers,
            "commit.interval.ms", "500");            // how often processed input is committed (default 30 s)
        try (TributaryStreams streams = new TributaryStreams(topology, settings)) {
            streams.start();                        // creates the internal topics, starts the stream thread
            ApplicationLag.awaitZero(bootstrapServers, APPLICATION_ID, Set.of(LINES), Duration.ofSeconds(60));
            System.out.println("the application has processed every line; state " + streams.state());
        } // close(): a final commit, then the group is left

        Map<String, Long> counts = readLatestCounts(bootstrapServers);
        System.out.println("word counts (" + counts.size() + " words):");
        counts.forEach((word, count) -> System.out.println("  " + word + ": " + count));
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = TributaryAdmin.create(bootstrapServers)) {
            for (String topic : List.of(LINES, COUNTS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).join();
                } catch (CompletionException e) {
                    if (!(e.getCause() instanceof TributaryException te && te.error() == Errors.TOPIC_ALREADY_EXISTS)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static void writeLines(String bootstrapServers) {
        try (Producer<String, String> producer = TributaryProducer.create(
                Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            TEXT.forEach(line -> producer.send(new ProducerRecord<>(LINES, line)).join());
        }
        System.out.println("wrote " + TEXT.size() + " lines to " + LINES);
    }

    /** Reads the whole output topic: the last record of a word holds its current count. */
    private static Map<String, Long> readLatestCounts(String bootstrapServers) {
        Map<String, Long> latest = new TreeMap<>();
        try (Consumer<String, Long> consumer = TributaryConsumer.create(Map.of("bootstrap.servers", bootstrapServers),
                Serdes.STRING_DESERIALIZER, Serdes.longs().deserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(COUNTS, 0), new TopicPartition(COUNTS, 1));
            consumer.assign(partitions);                // no group: just read
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, Long> r : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(r.key(), r.value());
                }
            }
        }
        return latest;
    }
}
