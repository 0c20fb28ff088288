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
    private static final List<String> INDEX_SUFFIXES = List.of(LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX);

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
     * Finishes or throws away interrupted work: deletes {@code .deleted} and {@code .cleaned} files and completes
     * swaps. The rename of a compacted {@code X.log.swap} is the commit point: when it exists it replaces
     * {@code X.log}, and each index of X is replaced by its {@code .swap} copy or, if that is missing, deleted so
     * the log rebuilds it. An index {@code .swap} without its log {@code .swap} is deleted with the index it
     * would have replaced (rebuilt on open), since it may belong to either version of the log file. Index files
     * without a {@code .log} file are deleted.
     */
    static void completeInterruptedSwaps(Path dir) throws IOException {
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(LogSegment.DELETED_SUFFIX) || name.endsWith(CLEANED_SUFFIX)) {
                Files.deleteIfExists(p);
            }
        }
        String logSwap = LogSegment.LOG_SUFFIX + SWAP_SUFFIX;
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(logSwap)) {
                String base = name.substring(0, name.length() - logSwap.length());
                LOG.info("completing interrupted swap of {}{}", base, LogSegment.LOG_SUFFIX);
                for (String suffix : INDEX_SUFFIXES) {
                    Path swap = dir.resolve(base + suffix + SWAP_SUFFIX);
                    if (Files.exists(swap)) {
                        Files.move(swap, dir.resolve(base + suffix), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    } else {
                        Files.deleteIfExists(dir.resolve(base + suffix));
                    }
                }
                Files.move(p, dir.resolve(base + LogSegment.LOG_SUFFIX), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            }
        }
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(SWAP_SUFFIX)) {
                Files.deleteIfExists(p);
                Files.deleteIfExists(p.resolveSibling(name.substring(0, name.length() - SWAP_SUFFIX.length())));
            }
        }
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            for (String suffix : INDEX_SUFFIXES) {
                if (name.endsWith(suffix) && !Files.exists(p.resolveSibling(
                        name.substring(0, name.length() - suffix.length()) + LogSegment.LOG_SUFFIX))) {
                    LOG.info("deleting index {} that has no log file", p);
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
