package io.tributary.benchmarks.streams;

import java.nio.file.Path;

/**
 * One stream-processing library running the benchmark's word count: lines from {@code input} → split on spaces
 * ({@code flatMapValues}) → {@code groupBy} word (a repartition topic) → {@code count} into an in-memory store →
 * {@code toStream} → {@code output}, keyed by word with a 64-bit count.
 */
enum WordCountEngine {
    TRIBUTARY("tributary") {
        @Override
        Running start(Settings settings) {
            return TributaryWordCount.start(settings);
        }
    },
    KAFKA_STREAMS("kafka-streams") {
        @Override
        Running start(Settings settings) {
            return KafkaStreamsWordCount.start(settings);
        }
    };

    /** The name in the results. */
    final String label;

    WordCountEngine(String label) {
        this.label = label;
    }

    /** Builds the topology and starts one instance (one stream thread); returns at once. */
    abstract Running start(Settings settings);

    /** What both engines are given. */
    record Settings(String bootstrap, String applicationId, String input, String output, long commitIntervalMs,
                    Path stateDir) {
    }

    /** A started instance. */
    interface Running extends AutoCloseable {
        /** Stops the instance (final commit) and releases its resources. */
        @Override
        void close();
    }
}
