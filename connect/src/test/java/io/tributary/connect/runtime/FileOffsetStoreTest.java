package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOffsetStoreTest {
    @TempDir
    Path dir;

    @Test
    void offsetsSurviveAReloadPerConnectorAndPartition() {
        Path file = dir.resolve("sub/offsets.json");
        FileOffsetStore store = new FileOffsetStore(file);
        Map<String, Object> p1 = new LinkedHashMap<>();
        p1.put("table", "users");
        p1.put("db", "test");
        store.store("a", Map.of(p1, Map.of("id", 41L)));
        store.store("a", Map.of(p1, Map.of("id", 42L), Map.of("table", "orders"), Map.of("ts", "2026-01-01")));
        store.store("b", Map.of(p1, Map.of("id", 7L)));

        FileOffsetStore reloaded = new FileOffsetStore(file);
        // Partitions match by content, whatever order their keys were put in.
        assertThat(reloaded.offset("a", Map.of("db", "test", "table", "users"))).containsEntry("id", 42);
        assertThat(reloaded.reader("a").offset(Map.of("table", "orders"))).containsEntry("ts", "2026-01-01");
        assertThat(reloaded.offset("b", p1)).containsEntry("id", 7);
        assertThat(reloaded.offset("c", p1)).isNull();
        assertThat(Files.exists(dir.resolve("sub/offsets.json.tmp"))).isFalse();
    }
}
