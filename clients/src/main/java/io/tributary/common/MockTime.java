package io.tributary.common;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A manual clock for tests: it moves only when {@link #sleep(long)} or {@link #setMilliseconds(long)} is called.
 * Thread-safe.
 */
public final class MockTime implements Time {
    private final AtomicLong nanos;

    /** A clock starting at {@code startMs} milliseconds since the epoch. */
    public MockTime(long startMs) {
        this.nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(startMs));
    }

    /** A clock starting at a fixed, recognisable instant (2026-01-01T00:00:00Z). */
    public MockTime() {
        this(1_767_225_600_000L);
    }

    @Override
    public long milliseconds() {
        return TimeUnit.NANOSECONDS.toMillis(nanos.get());
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }

    /** Moves the clock forward by {@code ms}. */
    public void sleep(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    /** Sets the clock; it may not move backwards. */
    public void setMilliseconds(long ms) {
        long target = TimeUnit.MILLISECONDS.toNanos(ms);
        if (target < nanos.get()) {
            throw new IllegalArgumentException("time : " + ms + " (expected: not before " + milliseconds() + ")");
        }
        nanos.set(target);
    }
}
