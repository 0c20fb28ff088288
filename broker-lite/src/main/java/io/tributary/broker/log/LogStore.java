package io.tributary.broker.log;

import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every partition log of the broker, across its log directories: opens them at start-up (recovering after an
 * unclean shutdown), creates and deletes partitions, and runs the background work (retention, time-based flush,
 * checkpoints of recovery points and log start offsets). {@link #close()} flushes everything and leaves the clean
 * shutdown marker that lets the next start skip recovery.
 *
 * <p>Thread-safe.
 */
public final class LogStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogStore.class);
    static final String CLEAN_SHUTDOWN_FILE = ".tributary_cleanshutdown";
    static final String RECOVERY_POINT_CHECKPOINT = "recovery-point-offset-checkpoint";
    static final String LOG_START_OFFSET_CHECKPOINT = "log-start-offset-checkpoint";
    static final String CLEANER_OFFSET_CHECKPOINT = "cleaner-offset-checkpoint";

    /**
     * Broker-level settings of the store, with Kafka's names: log.retention.check.interval.ms,
     * log.flush.scheduler.interval.ms, log.flush.offset.checkpoint.interval.ms, log.cleaner.enable,
     * log.cleaner.backoff.ms and log.cleaner.dedupe.buffer.size.
     */
    public record Options(long retentionCheckIntervalMs, long flushSchedulerIntervalMs, long checkpointIntervalMs,
                          boolean cleanerEnable, long cleanerBackoffMs, long cleanerDedupeBufferSize) {
        /** Bytes the cleaner's offset map spends per key. */
        static final int BYTES_PER_KEY = 24;

        /**
         * Kafka's defaults, except: a 1 s flush check (so flush.ms works without extra settings) and a 16 MiB dedupe
         * buffer instead of 128 MiB, since an embedded broker often runs in a small heap.
         */
        public static Options defaults() {
            return new Options(300_000L, 1_000L, 60_000L, true, 15_000L, 16L * 1024 * 1024);
        }

        /** No background tasks at all: tests drive retention, checkpoints and cleaning by hand. */
        public static Options manual() {
            return new Options(0, 0, 0, false, 0, 1024L * 1024);
        }
    }

    private final List<Path> logDirs;
    private final Time time;
    private final Options options;
    private final Function<String, LogConfig> topicConfigs;
    private final ScheduledExecutorService scheduler;
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Path> homes = new ConcurrentHashMap<>();
    /** Where each compacted log's dirty part starts (the cleaner's checkpoint). */
    private final Map<TopicPartition, Long> firstDirtyOffsets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService cleanerThread;
    private LogCleaner cleaner;
    private volatile boolean closed;

    private LogStore(List<Path> logDirs, Time time, Options options, Function<String, LogConfig> topicConfigs) {
        this.logDirs = List.copyOf(logDirs);
        this.time = time;
        this.options = options;
        this.topicConfigs = topicConfigs;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tributary-log-scheduler");
            t.setDaemon(true);
            return t;
        });
        // pending delayed file deletions are dropped at shutdown: the next start removes leftover .deleted files
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.scheduler = executor;
        this.cleanerThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-log-cleaner");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens every partition found in {@code logDirs}.
     *
     * @param topicConfigs the settings of a topic by name (called for each partition found)
     */
    public static LogStore open(List<Path> logDirs, Time time, Options options,
                                Function<String, LogConfig> topicConfigs) throws IOException {
        LogStore store = new LogStore(logDirs, time, options, topicConfigs);
        store.load();
        store.startBackgroundTasks();
        return store;
    }

    private void load() throws IOException {
        for (Path dir : logDirs) {
            Files.createDirectories(dir);
            Path marker = dir.resolve(CLEAN_SHUTDOWN_FILE);
            boolean clean = Files.exists(marker);
            Map<TopicPartition, Long> recoveryPoints = new OffsetCheckpointFile(dir.resolve(RECOVERY_POINT_CHECKPOINT)).read();
            Map<TopicPartition, Long> startOffsets = new OffsetCheckpointFile(dir.resolve(LOG_START_OFFSET_CHECKPOINT)).read();
            firstDirtyOffsets.putAll(new OffsetCheckpointFile(dir.resolve(CLEANER_OFFSET_CHECKPOINT)).read());
            long started = time.nanoseconds();
            int count = 0;
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    if (!Files.isDirectory(child)) {
                        continue;
                    }
                    TopicPartition tp;
                    try {
                        tp = TopicPartition.parse(child.getFileName().toString());
                    } catch (IllegalArgumentException e) {
                        LOG.warn("ignoring directory {} that is not a partition", child);
                        continue;
                    }
                    PartitionLog log = PartitionLog.open(child, topicConfigs.apply(tp.topic()), time, scheduler,
                        recoveryPoints.getOrDefault(tp, 0L), startOffsets.getOrDefault(tp, 0L), clean);
                    logs.put(tp, log);
                    homes.put(tp, dir);
                    count++;
                }
            }
            // from here on a crash is unclean until close() writes the marker again
            Files.deleteIfExists(marker);
            LOG.info("loaded {} partition logs from {} in {} ms ({} shutdown)", count, dir,
                TimeUnit.NANOSECONDS.toMillis(time.nanoseconds() - started), clean ? "clean" : "unclean");
        }
    }

    private void startBackgroundTasks() {
        schedule(this::applyRetention, options.retentionCheckIntervalMs());
        schedule(this::flushDueLogs, options.flushSchedulerIntervalMs());
        schedule(this::checkpoint, options.checkpointIntervalMs());
        if (options.cleanerEnable() && options.cleanerBackoffMs() > 0) {
            cleanerThread.scheduleWithFixedDelay(() -> {
                try {
                    cleanNow();
                } catch (RuntimeException e) {
                    LOG.error("log cleaner pass failed", e);
                }
            }, options.cleanerBackoffMs(), options.cleanerBackoffMs(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One compaction pass: cleans every compacted log whose dirty ratio reached min.cleanable.dirty.ratio and
     * checkpoints where each one's dirty part now starts. Runs on the cleaner thread every log.cleaner.backoff.ms;
     * callable directly (tests, tools). Returns the logs cleaned.
     */
    public synchronized Map<TopicPartition, CleanResult> cleanNow() {
        Map<TopicPartition, CleanResult> results = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionLog> e : logs.entrySet()) {
            PartitionLog log = e.getValue();
            if (!log.config().compact || closed) {
                continue;
            }
            long firstDirty = firstDirtyOffsets.getOrDefault(e.getKey(), 0L);
            try {
                if (cleaner == null) {
                    cleaner = new LogCleaner(time, (int) Math.min(Integer.MAX_VALUE,
                        options.cleanerDedupeBufferSize() / Options.BYTES_PER_KEY));
                }
                if (cleaner.needsCleaning(log, firstDirty)) {
                    CleanResult r = cleaner.clean(log, firstDirty);
                    firstDirtyOffsets.put(e.getKey(), r.firstDirtyOffset());
                    results.put(e.getKey(), r);
                }
            } catch (IOException ex) {
                LOG.error("compaction of {} failed; the log is left as it was", e.getKey(), ex);
            }
        }
        if (!results.isEmpty()) {
            writeCleanerCheckpoints();
        }
        return results;
    }

    private void writeCleanerCheckpoints() {
        for (Path dir : logDirs) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            firstDirtyOffsets.forEach((tp, offset) -> {
                if (dir.equals(homes.get(tp))) {
                    offsets.put(tp, offset);
                }
            });
            new OffsetCheckpointFile(dir.resolve(CLEANER_OFFSET_CHECKPOINT)).write(offsets);
        }
    }

    private void schedule(Runnable task, long intervalMs) {
        if (intervalMs <= 0 || intervalMs == Long.MAX_VALUE) {
            return;
        }
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("background log task failed", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** The log of {@code tp}, if this broker has it. */
    public Optional<PartitionLog> get(TopicPartition tp) {
        return Optional.ofNullable(logs.get(tp));
    }

    /** Every partition log. */
    public Map<TopicPartition, PartitionLog> all() {
        return Map.copyOf(logs);
    }

    /** The log of {@code tp}, created in the log directory with the fewest partitions if it does not exist. */
    public PartitionLog getOrCreate(TopicPartition tp, LogConfig config) {
        ensureOpen();
        return logs.computeIfAbsent(tp, key -> {
            Path home = leastLoadedDir();
            try {
                PartitionLog log = PartitionLog.open(home.resolve(key.toString()), config, time, scheduler, 0, 0, true);
                homes.put(key, home);
                LOG.info("created log for {} in {}", key, home);
                return log;
            } catch (IOException e) {
                throw new UncheckedIOException("creating log for " + key, e);
            }
        });
    }

    private Path leastLoadedDir() {
        Map<Path, Integer> counts = new HashMap<>();
        logDirs.forEach(d -> counts.put(d, 0));
        homes.values().forEach(d -> counts.merge(d, 1, Integer::sum));
        return logDirs.stream().min((a, b) -> Integer.compare(counts.get(a), counts.get(b))).orElseThrow();
    }

    /** Closes and removes the log of {@code tp} and its files. */
    public void delete(TopicPartition tp) throws IOException {
        PartitionLog log = logs.remove(tp);
        homes.remove(tp);
        firstDirtyOffsets.remove(tp);
        if (log != null) {
            log.delete();
        }
    }

    /** Runs retention on every log now (also done every log.retention.check.interval.ms). */
    public int applyRetention() {
        int deleted = 0;
        for (PartitionLog log : logs.values()) {
            deleted += log.deleteOldSegments();
        }
        return deleted;
    }

    private void flushDueLogs() {
        for (PartitionLog log : logs.values()) {
            log.flushIfDue();
        }
    }

    /** Writes the recovery-point and log-start-offset checkpoints of every log directory. */
    public void checkpoint() {
        for (Path dir : logDirs) {
            Map<TopicPartition, Long> recovery = new HashMap<>();
            Map<TopicPartition, Long> starts = new HashMap<>();
            homes.forEach((tp, home) -> {
                PartitionLog log = logs.get(tp);
                if (home.equals(dir) && log != null) {
                    recovery.put(tp, log.recoveryPoint());
                    starts.put(tp, log.logStartOffset());
                }
            });
            new OffsetCheckpointFile(dir.resolve(RECOVERY_POINT_CHECKPOINT)).write(recovery);
            new OffsetCheckpointFile(dir.resolve(LOG_START_OFFSET_CHECKPOINT)).write(starts);
        }
    }

    /** The store's scheduler, for other broker background work that touches logs. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the log store is closed");
        }
    }

    /** Test hook: stops background work without closing anything, as a crash would. */
    void abandon() {
        closed = true;
        cleanerThread.shutdown();
        scheduler.shutdownNow();
    }

    /** Stops background work, flushes and closes every log, writes checkpoints and the clean shutdown marker. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // never interrupt the cleaner: an interrupted FileChannel read closes the channel the live segment shares
        cleanerThread.shutdown();
        scheduler.shutdown();
        try {
            if (!cleanerThread.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("the log cleaner did not stop within 60 s");
            }
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("background log tasks did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Collection<PartitionLog> toClose = new ArrayList<>(logs.values());
        for (PartitionLog log : toClose) {
            log.close();
        }
        checkpoint();
        for (Path dir : logDirs) {
            Files.writeString(dir.resolve(CLEAN_SHUTDOWN_FILE), "");
        }
        LOG.info("closed {} partition logs cleanly", toClose.size());
    }
}
