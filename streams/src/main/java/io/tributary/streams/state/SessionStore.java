package io.tributary.streams.state;

import io.tributary.streams.kstream.Windowed;

/**
 * A store of aggregates per key and session window. It keeps each session for the store's retention period after
 * the session's end, counted back from the largest session end put so far; older sessions are ignored on put and
 * hidden from reads. Every write goes to the store's changelog when logging is enabled.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
public interface SessionStore<K, V> extends StateStore, ReadOnlySessionStore<K, V> {
    /** Sets the aggregate of the session {@code sessionKey}; null removes it. */
    void put(Windowed<K> sessionKey, V aggregate);

    /** Removes the session {@code sessionKey}. */
    void remove(Windowed<K> sessionKey);

    /** How long sessions are kept after their end, in milliseconds. */
    long retentionPeriod();
}
