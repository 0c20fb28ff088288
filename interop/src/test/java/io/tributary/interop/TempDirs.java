package io.tributary.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting the clusters' temporary directories. */
final class TempDirs {
    private TempDirs() {
    }

    /** Deletes {@code dir} and everything under it; reports, but does not throw, what could not be deleted. */
    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("interop: could not delete " + p + ": " + e);
                }
            });
        } catch (IOException e) {
            System.err.println("interop: could not delete " + dir + ": " + e);
        }
    }
}
