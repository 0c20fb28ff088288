package io.tributary.connect.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tributary.connect.source.OffsetStorageReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Source offsets of the standalone worker in one JSON file ({@code offset.storage.file.filename}), read at start and
 * rewritten whole on every store: written to a temporary file, forced to disk, then atomically renamed over the old
 * one, so a crash leaves either the old or the new offsets, never a torn file. Thread-safe.
 *
 * <pre>
 * {"connector-name": [{"partition": {"filename": "/in.txt"}, "offset": {"position": 1234}}, ...], ...}
 * </pre>
 */
public final class FileOffsetStore {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final TypeReference<Map<String, List<Entry>>> FILE_TYPE = new TypeReference<>() {
    };

    /** One stored offset, as it appears in the file. */
    record Entry(Map<String, Object> partition, Map<String, Object> offset) {
    }

    private final Path file;
    /** connector → canonical JSON of the partition → entry. */
    private final Map<String, Map<String, Entry>> offsets = new HashMap<>();

    /** Reads {@code file} if it exists. */
    public FileOffsetStore(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                Map<String, List<Entry>> stored = MAPPER.readValue(file.toFile(), FILE_TYPE);
                stored.forEach((connector, entries) -> entries.forEach(e ->
                    offsets.computeIfAbsent(connector, c -> new LinkedHashMap<>()).put(key(e.partition()), e)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read source offsets from " + file, e);
            }
        }
    }

    /** The stored offset of {@code partition} for {@code connector}, or null. */
    public synchronized Map<String, Object> offset(String connector, Map<String, ?> partition) {
        Entry e = offsets.getOrDefault(connector, Map.of()).get(key(partition));
        return e == null ? null : e.offset();
    }

    /** A reader bound to one connector. */
    public OffsetStorageReader reader(String connector) {
        return partition -> offset(connector, partition);
    }

    /** Stores {@code partitionOffsets} (partition → offset) for {@code connector} and writes the file. */
    public synchronized void store(String connector, Map<Map<String, ?>, Map<String, ?>> partitionOffsets) {
        Map<String, Entry> forConnector = offsets.computeIfAbsent(connector, c -> new LinkedHashMap<>());
        partitionOffsets.forEach((p, o) -> forConnector.put(key(p), new Entry(copy(p), copy(o))));
        write();
    }

    /** Every stored offset of {@code connector}, in the order first stored. */
    public synchronized List<Entry> entries(String connector) {
        return List.copyOf(offsets.getOrDefault(connector, Map.of()).values());
    }

    /** Forgets every offset of {@code connector} and writes the file. */
    public synchronized void remove(String connector) {
        if (offsets.remove(connector) != null) {
            write();
        }
    }

    private void write() {
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        offsets.forEach((c, entries) -> out.put(c, new ArrayList<>(entries.values())));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(MAPPER.writeValueAsBytes(out)));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write source offsets to " + file, e);
        }
    }

    private static Map<String, Object> copy(Map<String, ?> m) {
        return m == null ? null : new LinkedHashMap<>(m);
    }

    /** Partitions match by content: the JSON of the map with its keys sorted, numbers as written. */
    private static String key(Map<String, ?> partition) {
        try {
            return MAPPER.writeValueAsString(partition);
        } catch (IOException e) {
            throw new IllegalArgumentException("source partition : " + partition + " (expected: JSON-compatible "
                + "strings, numbers, booleans)", e);
        }
    }
}
