package io.tributary.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Session windows: a key's records belong to one session while each follows the previous one (in timestamp order)
 * by at most the inactivity gap. Sessions are data-driven: each record starts a session {@code [t, t]}, which merges
 * with every session of its key that ends at most one gap before it or starts at most one gap after it. Both ends of
 * a session window are inclusive (see {@link Window}).
 *
 * <p>A session is closed once the stream time has passed its end plus the gap plus the grace period; a record that
 * would only extend or create a closed session is dropped.
 *
 * <pre>{@code
 * grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30))).count()
 * }</pre>
 *
 * @param inactivityGap the largest gap between two records of one session, in milliseconds
 * @param gracePeriodMs how long after it closed (end plus gap) a session still accepts records
 */
public record SessionWindows(long inactivityGap, long gracePeriodMs) {
    public SessionWindows {
        if (inactivityGap <= 0) {
            throw new IllegalArgumentException("inactivityGap : " + inactivityGap + " ms (expected: > 0)");
        }
        if (gracePeriodMs < 0) {
            throw new IllegalArgumentException("grace : " + gracePeriodMs + " ms (expected: >= 0)");
        }
    }

    /** Sessions with this inactivity gap that accept records up to {@code afterWindowEnd} after they closed. */
    public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration afterWindowEnd) {
        Objects.requireNonNull(inactivityGap, "inactivityGap");
        Objects.requireNonNull(afterWindowEnd, "afterWindowEnd");
        return new SessionWindows(inactivityGap.toMillis(), afterWindowEnd.toMillis());
    }

    /** Sessions with this inactivity gap and no grace period. */
    public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
        return ofInactivityGapAndGrace(inactivityGap, Duration.ZERO);
    }
}
