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
import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.Topology;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;

/**
 * Page views per user per minute: a tumbling one-minute window count with 30 seconds of grace for late records,
 * with Tributary's streams DSL (Kafka Streams' names).
 *
 * <pre>
 * sample-page-views ──► groupByKey (user) ──► windowedBy(1 min, grace 30 s) ──► count ──► sample-views-per-minute
 * </pre>
 *
 * <p>Windows are cut by the records' own timestamps (event time), not by when they arrive. A record may arrive
 * late, after newer ones: it still counts while its window is open, that is until the stream time (the newest
 * timestamp seen so far) passes the window's end plus the grace period; after that it is dropped. The sample sends
 * views with explicit timestamps on 2024-01-01 (UTC), two of them late, then prints the latest count of each
 * window (output key: user and window, value: views):
 *
 * <pre>
 *   alice 12:00-12:01  3   (12:00:10, 12:00:40, and 12:00:50 which arrived late but within the grace)
 *   alice 12:01-12:02  1
 *   alice 12:02-12:03  1   (12:00:30 arrived after 12:02:10: its window had closed at 12:01:30, dropped)
 *   bob   12:00-12:01  2
 *   bob   12:01-12:02  1
 * </pre>
 *
 * <pre>
 * java -cp samples/target/tributary-samples.jar io.tributary.samples.WindowedCountSample [--bootstrap-server host:port]
 * </pre>
 */
public final class WindowedCountSample {
    static final String VIEWS = "sample-page-views";
    static final String PER_MINUTE = "sample-views-per-minute";
    static final String APPLICATION_ID = "sample-windowed-count";
    private static final Instant NOON = Instant.parse("2024-01-01T12:00:00Z");

    /** A page view: who, and when it happened (seconds after 12:00), in the order they are sent. */
    private record View(String user, int second) {
    }

    static final List<View> VIEWS_SENT = List.of(
        new View("alice", 10), new View("bob", 20), new View("alice", 40), new View("bob", 45),
        new View("alice", 80),                      // 12:01:20: stream time moves into the next minute
        new View("alice", 50),                      // late, but 12:00-12:01 is open until 12:01:30 (end + grace)
        new View("bob", 85),
        new View("alice", 130),                     // 12:02:10: now 12:00-12:01 has closed
        new View("alice", 30));                     // too late: dropped

    private WindowedCountSample() {
    }

    public static void main(String[] args) throws Exception {
        try (TargetCluster cluster = TargetCluster.fromArgs(args)) {
            run(cluster.bootstrapServers());
        }
    }

    /** The application: views grouped by user, counted per one-minute window. */
    static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(VIEWS, Consumed.with(Serdes.string(), Serdes.string()))   // key: user, value: page
            .groupByKey()                                                          // already keyed by user
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(30)))
            .count(Materialized.as("views-per-minute"))                            // store + changelog
            .toStream()                                                            // key: Windowed<user>
            .to(PER_MINUTE, Produced.with(windowedUsers(), Serdes.longs()));
        return builder.build();
    }

    /** Windowed output keys are (user, window): this serde writes the user, then the window's start and end. */
    private static Serde<Windowed<String>> windowedUsers() {
        return WindowedSerdes.windowed(Serdes.string());
    }

    static void run(String bootstrapServers) throws Exception {
        createTopics(bootstrapServers);
        sendViews(bootstrapServers);

        Map<String, Object> settings = Map.of(
            "application.id", APPLICATION_ID,
            "bootstrap.servers", bootstrapServers,
            "commit.interval.ms", "500");
        try (TributaryStreams streams = new TributaryStreams(topology(), settings)) {
            streams.start();
            ApplicationLag.awaitZero(bootstrapServers, APPLICATION_ID, Set.of(VIEWS), Duration.ofSeconds(60));
        }

        Map<Windowed<String>, Long> counts = readLatestCounts(bootstrapServers);
        System.out.println("views per user per minute (" + counts.size() + " windows):");
        counts.forEach((w, views) -> System.out.printf("  %-5s %s-%s  %d%n", w.key(), hhmm(w.window().start()),
            hhmm(w.window().end()), views));
    }

    private static String hhmm(long epochMs) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC).toString();
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = TributaryAdmin.create(bootstrapServers)) {
            for (String topic : List.of(VIEWS, PER_MINUTE)) {
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

    private static void sendViews(String bootstrapServers) {
        try (Producer<String, String> producer = TributaryProducer.create(
                Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            for (View v : VIEWS_SENT) {
                long timestamp = NOON.plusSeconds(v.second()).toEpochMilli(); // event time, set by the producer
                producer.send(new ProducerRecord<>(VIEWS, null, timestamp, v.user(), "/home", null)).join();
                System.out.printf("sent a view by %s at %s%n", v.user(), LocalTime.ofInstant(
                    Instant.ofEpochMilli(timestamp), ZoneOffset.UTC));
            }
        }
    }

    /** The last record of each (user, window) holds its current count. */
    private static Map<Windowed<String>, Long> readLatestCounts(String bootstrapServers) {
        Map<Windowed<String>, Long> latest = new TreeMap<>(Comparator.comparing((Windowed<String> w) -> w.key())
            .thenComparingLong(w -> w.window().start()));
        try (Consumer<Windowed<String>, Long> consumer = TributaryConsumer.create(
                Map.of("bootstrap.servers", bootstrapServers), windowedUsers().deserializer(),
                Serdes.longs().deserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(PER_MINUTE, 0),
                new TopicPartition(PER_MINUTE, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<Windowed<String>, Long> r : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(r.key(), r.value());
                }
            }
        }
        return latest;
    }
}
