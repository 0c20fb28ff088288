package io.tributary.streams.kstream.internals;

/**
 * A windowed aggregation node, as {@code suppress(untilWindowCloses)} finds it upstream of a table: it says how long
 * after a window's end (as the window's key carries it) the window is closed, so that its result is final.
 */
interface WindowedAggregation {
    /**
     * The delay after which a window is closed: once the stream time is at or after window end plus this, no record
     * can change the window any more.
     */
    long windowCloseDelayMs();
}
