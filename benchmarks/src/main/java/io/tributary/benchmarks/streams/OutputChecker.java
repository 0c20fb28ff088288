package io.tributary.benchmarks.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a word-count output topic from the beginning with kafka-clients' consumer (the same reader for both
 * engines), keeping the latest count of every word, and tells when every word has reached its true count: the
 * moment the whole input has been counted. Not thread-safe: one thread polls.
 */
final class OutputChecker implements AutoCloseable {
    private final KafkaConsumer<String, Long> consumer;
    private final Map<String, Long> expected;
    private final Map<String, Long> latest = new HashMap<>();
    private final List<TopicPartition> partitions = new ArrayList<>();
    private int wordsAtTheirCount;
    private long records;

    OutputChecker(String bootstrap, String topic, int partitionCount, Map<String, Long> expected) {
        this.expected = expected;
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "max.poll.records", 10_000),
            new StringDeserializer(), new LongDeserializer());
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position); // metadata and offsets now, not on the clock
    }

    /**
     * Polls until every word's latest count is its true count and returns {@link System#nanoTime()} then.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}
     */
    long awaitFinalCounts(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (wordsAtTheirCount < expected.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("after " + timeout + ", " + wordsAtTheirCount + " of "
                    + expected.size() + " words have their true count on the output (" + records + " records read)");
            }
            poll(Duration.ofMillis(20));
        }
        return System.nanoTime();
    }

    /** Reads the rest of the output (after the application stopped); returns the words whose count is wrong. */
    Map<String, String> readToEndAndCompare() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
            && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
        Map<String, String> wrong = new TreeMap<>();
        expected.forEach((w, n) -> {
            if (!n.equals(latest.get(w))) {
                wrong.put(w, latest.get(w) + " (expected " + n + ")");
            }
        });
        latest.keySet().stream().filter(w -> !expected.containsKey(w)).forEach(w -> wrong.put(w, "not in the input"));
        return wrong;
    }

    /** Output records read so far. */
    long records() {
        return records;
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<String, Long> r : consumer.poll(timeout)) {
            records++;
            Long want = expected.get(r.key());
            Long before = latest.put(r.key(), r.value());
            if (want != null) {
                boolean was = Objects.equals(before, want);
                boolean is = want.equals(r.value());
                wordsAtTheirCount += (is ? 1 : 0) - (was ? 1 : 0);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
