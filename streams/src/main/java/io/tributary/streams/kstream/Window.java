package io.tributary.streams.kstream;

/**
 * A time window, in milliseconds. A time window ({@link TimeWindows}) holds the timestamps from {@code start}
 * (inclusive) to {@code end} (exclusive); a session window ({@link SessionWindows}) holds both ends, from its first
 * record's timestamp to its last, so a session of one record has {@code start == end}.
 *
 * @param start first timestamp in the window
 * @param end   first timestamp after a time window; the last timestamp of a session window
 */
public record Window(long start, long end) {
    public Window {
        if (end < start) {
            throw new IllegalArgumentException("end : " + end + " (expected: >= start " + start + ")");
        }
    }
}
