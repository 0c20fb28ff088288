package io.tributary.streams.processor.internals;

import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's {@code .checkpoint} file: for each persistent store's changelog partition, the offset of the last
 * changelog record the store on disk contains. Text, one entry a line after a version and a count:
 *
 * <pre>
 * 0
 * 2
 * app-counts-changelog 3 1041
 * app-totals-changelog 3 77
 * </pre>
 *
 * Written to a temporary file, forced to disk and renamed over the old one, so a crash leaves the old file or the
 * new one. A file that cannot be parsed counts as absent (the stores are wiped and fully restored).
 */
final class Checkpoint {
    private static final Logger log = LoggerFactory.getLogger(Checkpoint.class);
    static final String FILE_NAME = ".checkpoint";
    private static final String VERSION = "0";

    private final Path file;

    Checkpoint(Path taskDir) {
        this.file = taskDir.resolve(FILE_NAME);
    }

    /** The offsets in the file; empty if there is none or it is damaged. */
    Map<TopicPartition, Long> read() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).trim().equals(VERSION)) {
                throw new IllegalArgumentException("unknown version or no count");
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (lines.size() < 2 + count) {
                throw new IllegalArgumentException("expected " + count + " entries");
            }
            Map<TopicPartition, Long> out = new HashMap<>();
            for (int i = 2; i < 2 + count; i++) {
                String[] parts = lines.get(i).trim().split(" ");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("bad line " + lines.get(i));
                }
                out.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring the damaged checkpoint {}: {}", file, e.toString());
            return Map.of();
        }
    }

    /** Replaces the file with {@code offsets}. */
    void write(Map<TopicPartition, Long> offsets) {
        StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(offsets.size()).append('\n');
        offsets.forEach((tp, offset) -> text.append(tp.topic()).append(' ').append(tp.partition()).append(' ')
            .append(offset).append('\n'));
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }

    /** Removes the file: the stores are about to change beyond what it says. */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoint " + file, e);
        }
    }
}
