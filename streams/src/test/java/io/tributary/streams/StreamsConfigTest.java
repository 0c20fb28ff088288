package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.common.config.ConfigException;
import io.tributary.streams.kstream.Consumed;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamsConfigTest {
    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.string(), Serdes.string())).to("out");
        return builder.build();
    }

    @Test
    void exactlyOnceIsRefusedUntilTransactionsExist() {
        assertThatThrownBy(() -> new TributaryStreams(topology(), Map.of("application.id", "app",
            "bootstrap.servers", "localhost:9092", "processing.guarantee", "exactly_once_v2")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("processing.guarantee=exactly_once_v2 is not supported until transactions exist");
    }

    @Test
    void applicationIdIsRequired() {
        assertThatThrownBy(() -> new TributaryStreams(topology(), Map.of("bootstrap.servers", "localhost:9092")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("application.id");
    }

    @Test
    void anInstanceNeverStartedClosesToNotRunning() {
        var streams = new TributaryStreams(topology(), Map.of("application.id", "app",
            "bootstrap.servers", "localhost:9092", "processing.guarantee", "at_least_once"));
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.CREATED);
        assertThat(streams.close(Duration.ofSeconds(1))).isTrue();
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.NOT_RUNNING);
    }
}
