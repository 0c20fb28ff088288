package io.tributary.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Sliding windows (Kafka Streams' KIP-450): windows of a fixed length, {@code [t - timeDifference, t]} with both ends
 * inclusive, aligned to the records rather than to the epoch. Two records of a key share a window when their
 * timestamps differ by at most the time difference. A window is created when a record enters one (the window ending
 * at the record's timestamp) and when a record leaves one (the window starting 1 ms after it, created only if a
 * later record falls into it); every existing window containing a record is updated. Records earlier than the time
 * difference share the window {@code [0, timeDifference]}.
 *
 * <p>A window is closed once the stream time has passed its end plus the grace period; a record whose windows are
 * all closed is dropped.
 *
 * <pre>{@code
 * grouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30))).count()
 * }</pre>
 *
 * @param timeDifferenceMs the largest difference between the timestamps of two records in one window (the window
 *                         length), in milliseconds
 * @param graceMs          how long after its end a window still accepts records
 */
public record SlidingWindows(long timeDifferenceMs, long graceMs) {
    public SlidingWindows {
        if (timeDifferenceMs <= 0) {
            throw new IllegalArgumentException("timeDifference : " + timeDifferenceMs + " ms (expected: > 0)");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("grace : " + graceMs + " ms (expected: >= 0)");
        }
    }

    /** Sliding windows of {@code timeDifference} that accept records up to {@code afterWindowEnd} after their end. */
    public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        Objects.requireNonNull(timeDifference, "timeDifference");
        Objects.requireNonNull(afterWindowEnd, "afterWindowEnd");
        return new SlidingWindows(timeDifference.toMillis(), afterWindowEnd.toMillis());
    }

    /** Sliding windows of {@code timeDifference} that close at their end. */
    public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }
}
