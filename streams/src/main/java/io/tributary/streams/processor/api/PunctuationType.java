package io.tributary.streams.processor.api;

/** What drives a scheduled punctuation. */
public enum PunctuationType {
    /**
     * The task's stream time (the largest record timestamp it has processed): fires when a record moves stream time
     * to or past the next multiple of the interval, and never while no records arrive.
     */
    STREAM_TIME,
    /** The wall clock: fires every interval after scheduling, checked between polls, records or not. */
    WALL_CLOCK_TIME
}
