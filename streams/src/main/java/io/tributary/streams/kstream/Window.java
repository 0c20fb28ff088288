package io.tributary.streams.kstream;

/**
 * A time window: the timestamps from {@code start} (inclusive) to {@code end} (exclusive), in milliseconds.
 *
 * @param start first timestamp in the window
 * @param end   first timestamp after the window
 */
public record Window(long start, long end) {
    public Window {
        if (end <= start) {
            throw new IllegalArgumentException("end : " + end + " (expected: > start " + start + ")");
        }
    }
}
