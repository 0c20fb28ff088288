package io.tributary.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Hands out producer ids that stay unique across restarts: ids are reserved in blocks whose end is written to a
 * file before any id of the block is used, so a restart (clean or not) starts after every id ever handed out.
 * Thread-safe.
 */
final class ProducerIdBlock {
    static final String FILE = "producer-id-block";
    private static final long BLOCK = 1000;
    private final Path file;
    private long next;
    private long reservedUntil;

    ProducerIdBlock(Path dir) throws IOException {
        this.file = dir.resolve(FILE);
        long start = 0;
        if (Files.exists(file)) {
            start = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        }
        this.next = start;
        this.reservedUntil = start;
    }

    synchronized long nextId() {
        if (next >= reservedUntil) {
            reservedUntil = next + BLOCK;
            Path tmp = file.resolveSibling(FILE + ".tmp");
            try {
                Files.writeString(tmp, Long.toString(reservedUntil), StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("reserving producer ids in " + file, e);
            }
        }
        return next++;
    }
}
