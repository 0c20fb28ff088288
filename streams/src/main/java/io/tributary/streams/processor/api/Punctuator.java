package io.tributary.streams.processor.api;

/** A callback scheduled with {@link ProcessorContext#schedule}. */
@FunctionalInterface
public interface Punctuator {
    /** Runs on the stream thread; {@code timestamp} is the stream time or wall-clock time that triggered it. */
    void punctuate(long timestamp);
}
