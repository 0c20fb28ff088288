package io.tributary.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * The time bounds of a stream-stream join: a left record at {@code t} joins the right records with the same key and
 * a timestamp from {@code t - before} to {@code t + after}, both inclusive (so a right record at {@code t'} joins the
 * left records from {@code t' - after} to {@code t' + before}). The grace period is how long after a window's end
 * late records are still joined; a left or outer join emits a record without a match only after that.
 *
 * <pre>{@code
 * left.join(right, (l, r) -> l + r,
 *     JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30)))
 * }</pre>
 *
 * @param beforeMs      how far before a left record the right records may be
 * @param afterMs       how far after a left record the right records may be
 * @param gracePeriodMs how long after a window's end out-of-order records are still joined
 */
public record JoinWindows(long beforeMs, long afterMs, long gracePeriodMs) {
    public JoinWindows {
        if (beforeMs + afterMs < 0) {
            throw new IllegalArgumentException("before + after : " + (beforeMs + afterMs) + " ms (expected: >= 0: the "
                + "window must not be empty)");
        }
        if (gracePeriodMs < 0) {
            throw new IllegalArgumentException("grace : " + gracePeriodMs + " ms (expected: >= 0)");
        }
    }

    /** Records at most {@code timeDifference} apart join, and late ones up to {@code afterWindowEnd} after that. */
    public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        Objects.requireNonNull(timeDifference, "timeDifference");
        Objects.requireNonNull(afterWindowEnd, "afterWindowEnd");
        return new JoinWindows(timeDifference.toMillis(), timeDifference.toMillis(), afterWindowEnd.toMillis());
    }

    /** Records at most {@code timeDifference} apart join; no grace period. */
    public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /** These windows reaching {@code timeDifference} before a left record (may be negative if after is larger). */
    public JoinWindows before(Duration timeDifference) {
        return new JoinWindows(Objects.requireNonNull(timeDifference, "timeDifference").toMillis(), afterMs,
            gracePeriodMs);
    }

    /** These windows reaching {@code timeDifference} after a left record (may be negative if before is larger). */
    public JoinWindows after(Duration timeDifference) {
        return new JoinWindows(beforeMs, Objects.requireNonNull(timeDifference, "timeDifference").toMillis(),
            gracePeriodMs);
    }

    /** The length of a window: before plus after. */
    public long size() {
        return beforeMs + afterMs;
    }
}
