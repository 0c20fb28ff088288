package io.tributary.benchmarks.streams;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/** The word count on Tributary's streams (its stores are in memory, changelogged; no record cache). */
final class TributaryWordCount {
    private TributaryWordCount() {
    }

    static WordCountEngine.Running start(WordCountEngine.Settings s) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(s.input(), Consumed.with(Serdes.string(), Serdes.string()))
            .flatMapValues(line -> Arrays.asList(line.split(" ")))
            .groupBy((key, word) -> word, Grouped.with(Serdes.string(), Serdes.string()))
            .count(Materialized.as("counts"))
            .toStream()
            .to(s.output(), Produced.with(Serdes.string(), Serdes.longs()));
        TributaryStreams streams = new TributaryStreams(builder.build(), Map.of(
            "application.id", s.applicationId(),
            "bootstrap.servers", s.bootstrap(),
            "commit.interval.ms", Long.toString(s.commitIntervalMs())));
        streams.start();
        return () -> {
            if (!streams.close(Duration.ofSeconds(60))) {
                throw new IllegalStateException("Tributary streams did not stop within 60 s");
            }
            if (streams.failure() != null) {
                throw new IllegalStateException("Tributary streams failed", streams.failure());
            }
        };
    }
}
