package io.tributary.streams.kstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fixed-size time windows by record timestamp: tumbling (one window per record) or, with {@link #advanceBy},
 * hopping (overlapping; a record falls into {@code size / advance} windows). Windows start at multiples of the
 * advance from timestamp 0. A record arriving when its window's end plus the grace period is no later than the
 * task's stream time (the largest timestamp it has seen) is dropped for that window.
 *
 * <pre>{@code
 * grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30))).count()
 * }</pre>
 *
 * @param sizeMs    window length
 * @param advanceMs distance between window starts (equal to size: tumbling)
 * @param graceMs   how long after its end a window still accepts records
 */
public record TimeWindows(long sizeMs, long advanceMs, long graceMs) {
    public TimeWindows {
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("size : " + sizeMs + " ms (expected: > 0)");
        }
        if (advanceMs <= 0 || advanceMs > sizeMs) {
            throw new IllegalArgumentException("advance : " + advanceMs + " ms (expected: > 0 and <= size "
                + sizeMs + " ms)");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("grace : " + graceMs + " ms (expected: >= 0)");
        }
    }

    /** Tumbling windows of {@code size} that accept records up to {@code grace} after their end. */
    public static TimeWindows ofSizeAndGrace(Duration size, Duration grace) {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(grace, "grace");
        return new TimeWindows(size.toMillis(), size.toMillis(), grace.toMillis());
    }

    /** Tumbling windows of {@code size} that close at their end. */
    public static TimeWindows ofSizeWithNoGrace(Duration size) {
        return ofSizeAndGrace(size, Duration.ZERO);
    }

    /** These windows hopping by {@code advance} (at most the size). */
    public TimeWindows advanceBy(Duration advance) {
        Objects.requireNonNull(advance, "advance");
        return new TimeWindows(sizeMs, advance.toMillis(), graceMs);
    }

    /** The windows that contain {@code timestamp} (not negative), earliest start first. */
    public List<Window> windowsFor(long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp : " + timestamp + " (expected: >= 0)");
        }
        long lastStart = timestamp - timestamp % advanceMs;
        List<Window> out = new ArrayList<>();
        for (long start = lastStart; start >= 0 && start > timestamp - sizeMs; start -= advanceMs) {
            out.add(0, new Window(start, start + sizeMs));
        }
        return out;
    }
}
