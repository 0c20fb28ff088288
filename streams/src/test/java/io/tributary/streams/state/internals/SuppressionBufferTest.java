package io.tributary.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.serialization.Serdes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionBufferTest {
    /** A task context that keeps the latest changelog record per key, as a compacted topic would. */
    private static final class Changelog implements StoreContext {
        final Map<java.nio.ByteBuffer, byte[]> latest = new LinkedHashMap<>();

        @Override
        public String applicationId() {
            return "app";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public void logChange(String topic, byte[] key, byte[] value) {
            assertThat(topic).isEqualTo("app-buf-changelog");
            latest.put(java.nio.ByteBuffer.wrap(key), value);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public void logChange(String topic, byte[] key, byte[] value, long timestamp) {
            logChange(topic, key, value);
        }

        @Override
        public Path storeDir(String storeName) {
            return null;
        }
    }

    private static SuppressionBuffer<String, Long> buffer(Changelog log) {
        SuppressionBuffer<String, Long> b = new SuppressionBufferBuilder<>("buf", Serdes.string(), Serdes.longs()).build();
        b.init(log, "app-buf-changelog");
        return b;
    }

    @Test
    void aBufferRestoredFromItsChangelogHoldsTheSameUpdatesInTheSameOrder() {
        Changelog log = new Changelog();
        SuppressionBuffer<String, Long> before = buffer(log);
        before.put(20, "late", null, 1L, 15);
        before.put(10, "early", 4L, 5L, 3);
        before.put(99, "early", 5L, 6L, 7);     // already buffered: keeps buffer time 10 and prior value 4
        before.put(30, "gone", null, 1L, 30);
        assertThat(before.evictOldest()).isEqualTo(new SuppressionBuffer.Evicted<>("early", 4L, 6L, 7, 10));
        before.saveStreamTime(42);
        before.put(5, "early", null, 7L, 40);   // buffered again after its eviction: a new entry

        SuppressionBuffer<String, Long> after = buffer(new Changelog());
        log.latest.forEach((k, v) -> after.bytes().put(k.array(), v));
        after.restored();
        assertThat(after.streamTime()).isEqualTo(42);
        assertThat(after.numRecords()).isEqualTo(3);
        assertThat(after.bufferSize()).isEqualTo(before.bufferSize());
        assertThat(after.minBufferTime()).isEqualTo(5);
        assertThat(after.evictOldest()).isEqualTo(new SuppressionBuffer.Evicted<>("early", null, 7L, 40, 5));
        assertThat(after.evictOldest()).isEqualTo(new SuppressionBuffer.Evicted<>("late", null, 1L, 15, 20));
        assertThat(after.evictOldest()).isEqualTo(new SuppressionBuffer.Evicted<>("gone", null, 1L, 30, 30));
        assertThat(after.numRecords()).isZero();
        assertThat(after.bufferSize()).isZero();
        assertThat(after.minBufferTime()).isEqualTo(Long.MAX_VALUE);
    }
}
