package io.tributary.common;

/**
 * A clock that can be replaced in tests (segment roll, retention, linger, session timeouts). The system clock is
 * {@link #SYSTEM}; tests use a manual clock that only moves when told to.
 */
public interface Time {
    /** The real clock. */
    Time SYSTEM = new Time() {
        @Override
        public long milliseconds() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }
    };

    /** Wall-clock milliseconds since the epoch. */
    long milliseconds();

    /** A monotonic clock in nanoseconds, for measuring intervals. */
    long nanoseconds();
}
