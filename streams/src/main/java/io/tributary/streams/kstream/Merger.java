package io.tributary.streams.kstream;

/**
 * Combines the aggregates of two sessions of one key when a record joins them into one session.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
@FunctionalInterface
public interface Merger<K, V> {
    /** The aggregate of the session made of the sessions with aggregates {@code aggOne} and {@code aggTwo}. */
    V apply(K aggKey, V aggOne, V aggTwo);
}
