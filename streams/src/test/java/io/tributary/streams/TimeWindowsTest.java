package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serde;
import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.kstream.WindowedSerdes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeWindowsTest {
    @Test
    void aTumblingWindowHoldsEachTimestampOnce() {
        TimeWindows w = TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertThat(w.windowsFor(0)).containsExactly(new Window(0, 10_000));
        assertThat(w.windowsFor(9_999)).containsExactly(new Window(0, 10_000));
        assertThat(w.windowsFor(10_000)).containsExactly(new Window(10_000, 20_000));
        assertThat(w.graceMs()).isEqualTo(5_000);
    }

    @Test
    void hoppingWindowsOverlapAndNeverStartBeforeZero() {
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)).advanceBy(Duration.ofSeconds(5));
        assertThat(w.windowsFor(1_000)).containsExactly(new Window(0, 10_000));
        assertThat(w.windowsFor(12_000)).containsExactly(new Window(5_000, 15_000), new Window(10_000, 20_000));
        assertThat(w.windowsFor(15_000)).containsExactly(new Window(10_000, 20_000), new Window(15_000, 25_000));
        TimeWindows thirds = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(9)).advanceBy(Duration.ofMillis(3));
        assertThat(thirds.windowsFor(10)).containsExactly(new Window(3, 12), new Window(6, 15), new Window(9, 18));
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ZERO))
            .hasMessageContaining("size : 0 ms (expected: > 0)");
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(1)).advanceBy(Duration.ofSeconds(2)))
            .hasMessageContaining("advance : 2000 ms");
        assertThatThrownBy(() -> TimeWindows.ofSizeAndGrace(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
            .hasMessageContaining("grace");
    }

    @Test
    void windowedKeysRoundTripThroughTheirSerde() {
        Serde<Windowed<String>> serde = WindowedSerdes.windowed(Serdes.string());
        Windowed<String> key = new Windowed<>("alice", new Window(10_000, 20_000));
        byte[] bytes = serde.serializer().serialize("t", key);
        assertThat(bytes).hasSize("alice".length() + WindowedSerdes.SUFFIX_LENGTH);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(key);
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[3]))
            .hasMessageContaining("at least 16");
    }
}
