package io.tributary.streams.processor.internals;

import io.tributary.streams.StreamsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories of an application's persistent stores on this machine: {@code <state.dir>/<application.id>/<task>}
 * with one sub-directory per store and the task's {@code .checkpoint} file.
 *
 * <p>A task directory is used by one task at a time: its owner holds a lock that is both in-JVM (two instances or
 * threads in one JVM) and a file lock on {@code <task dir>/.lock} (two processes). During a rebalance the previous
 * owner may still hold it for a moment, so {@link #lock} is a try and callers retry.
 */
public final class StateDirectory {
    private static final Logger log = LoggerFactory.getLogger(StateDirectory.class);
    /** Locks held in this JVM, by task directory: FileChannel locks alone would throw within one JVM. */
    private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();

    private final Path appDir;

    private record Held(Object owner, FileChannel channel, FileLock lock) {
    }

    public StateDirectory(Path stateDir, String applicationId) {
        this.appDir = stateDir.resolve(applicationId).toAbsolutePath().normalize();
    }

    /** The directory of task {@code partition} (not created). */
    public Path taskDir(int partition) {
        return appDir.resolve(Integer.toString(partition));
    }

    /**
     * Takes the lock of the task directory for {@code owner}, creating the directory if needed.
     *
     * @return true if {@code owner} holds it now (also when it already did)
     */
    public boolean lock(int partition, Object owner) {
        Path dir = taskDir(partition);
        Held mine = HELD.get(dir);
        if (mine != null) {
            return mine.owner() == owner;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the task directory " + dir, e);
        }
        synchronized (HELD) {
            if (HELD.containsKey(dir)) {
                return false;
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return false;
                }
                HELD.put(dir, new Held(owner, channel, lock));
                return true;
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot lock the task directory " + dir, e);
            }
        }
    }

    /** Releases the lock of task {@code partition} if {@code owner} holds it. */
    public void unlock(int partition, Object owner) {
        Path dir = taskDir(partition);
        synchronized (HELD) {
            Held held = HELD.get(dir);
            if (held == null || held.owner() != owner) {
                return;
            }
            HELD.remove(dir);
            try {
                held.lock().release();
            } catch (IOException e) {
                log.warn("releasing the lock of {} failed", dir, e);
            }
            closeQuietly(held.channel());
        }
    }

    /** Deletes {@code dir} and everything in it (a store wiped before a full restore). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StreamsException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
