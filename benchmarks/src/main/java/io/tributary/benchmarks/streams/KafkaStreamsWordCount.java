package io.tributary.benchmarks.streams;

import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The word count on Kafka Streams 4.4: the same topology, with an in-memory store (as Tributary's) instead of the
 * default RocksDB one, and by default the record cache off ({@code statestore.cache.max.bytes=0}, see
 * {@link #CACHE_MAX_BYTES}), so that it too sends every update downstream and to the changelog. Everything else is Kafka Streams' default (one stream thread,
 * at_least_once, its own client defaults).
 */
final class KafkaStreamsWordCount {
    /**
     * {@code statestore.cache.max.bytes}: 0 (no cache, every update sent, as Tributary does), or another value from
     * the system property {@code wc.ks.cache.max.bytes} (Kafka Streams' default is 10485760).
     */
    static final long CACHE_MAX_BYTES = Long.getLong("wc.ks.cache.max.bytes", 0);

    private KafkaStreamsWordCount() {
    }

    static WordCountEngine.Running start(WordCountEngine.Settings s) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(s.input(), Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(line -> Arrays.asList(line.split(" ")))
            .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
            .count(Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("counts"))
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
            .toStream()
            .to(s.output(), Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        props.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(s.commitIntervalMs()));
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(CACHE_MAX_BYTES));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return () -> {
            boolean stopped = streams.close(Duration.ofSeconds(60));
            streams.cleanUp();
            if (!stopped) {
                throw new IllegalStateException("Kafka Streams did not stop within 60 s");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("Kafka Streams failed", failure.get());
            }
        };
    }
}
