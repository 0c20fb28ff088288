package io.tributary.broker.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file names of a partition directory: which segments exist, and the leftovers of interrupted work that must
 * be finished or thrown away before the log opens (segments renamed {@code .deleted}, compaction output
 * {@code .cleaned}, and compacted segments renamed {@code .swap} but not yet swapped in).
 */
final class SegmentFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentFiles.class);
    static final String CLEANED_SUFFIX = ".cleaned";
    static final String SWAP_SUFFIX = ".swap";

    private SegmentFiles() {
    }

    /** Base offsets of the {@code .log} files, ascending. */
    static List<Long> baseOffsets(Path dir) throws IOException {
        List<Long> bases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(LogSegment.LOG_SUFFIX) && name.length() == 20 + LogSegment.LOG_SUFFIX.length()) {
                    try {
                        bases.add(Long.parseLong(name.substring(0, 20)));
                    } catch (NumberFormatException e) {
                        LOG.warn("ignoring unexpected file {}", p);
                    }
                }
            }
        }
        bases.sort(null);
        return bases;
    }

    /**
     * Deletes {@code .deleted} and {@code .cleaned} files, and completes swaps: a {@code X.swap} file replaces
     * {@code X} (the compacted copy was complete before it was renamed to .swap).
     */
    static void completeInterruptedSwaps(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.list(dir)) {
            all = files.toList();
        }
        for (Path p : all) {
            String name = p.getFileName().toString();
            if (name.endsWith(LogSegment.DELETED_SUFFIX) || name.endsWith(CLEANED_SUFFIX)) {
                Files.deleteIfExists(p);
            } else if (name.endsWith(SWAP_SUFFIX)) {
                Path target = p.resolveSibling(name.substring(0, name.length() - SWAP_SUFFIX.length()));
                LOG.info("completing interrupted swap of {}", target);
                Files.move(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
