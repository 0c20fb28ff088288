package io.tributary.broker.log;

import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-log-directory file mapping partitions to an offset (recovery point, log start offset, cleaner position),
 * in Kafka's text layout:
 * <pre>
 * 0                    version
 * 2                    number of entries
 * orders 0 1042        topic partition offset
 * orders 1 998
 * </pre>
 * Written to a temporary file, forced to disk and renamed over the old one, so a crash leaves the old or the new
 * file, never half of one. Not thread-safe: one writer (the log store's scheduler).
 */
final class OffsetCheckpointFile {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetCheckpointFile.class);
    private static final int VERSION = 0;
    private final Path file;

    OffsetCheckpointFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void write(Map<TopicPartition, Long> offsets) {
        StringBuilder sb = new StringBuilder().append(VERSION).append('\n').append(offsets.size()).append('\n');
        new TreeMap<>(offsets).forEach((tp, offset) ->
            sb.append(tp.topic()).append(' ').append(tp.partition()).append(' ').append(offset).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing checkpoint " + file, e);
        }
    }

    /** The entries, or an empty map when the file is missing; a malformed file is logged and ignored. */
    Map<TopicPartition, Long> read() {
        Map<TopicPartition, Long> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != VERSION) {
                throw new IllegalArgumentException("unexpected header");
            }
            int n = Integer.parseInt(lines.get(1).trim());
            if (lines.size() < 2 + n) {
                throw new IllegalArgumentException("expected " + n + " entries");
            }
            for (int i = 0; i < n; i++) {
                String[] parts = lines.get(2 + i).trim().split(" ");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("bad line " + (i + 3));
                }
                out.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring malformed checkpoint file {}: {}", file, e.toString());
            return new TreeMap<>();
        }
    }
}
