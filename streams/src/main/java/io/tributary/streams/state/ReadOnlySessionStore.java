package io.tributary.streams.state;

import io.tributary.streams.kstream.Windowed;

/**
 * The reading side of a session store: aggregates per key and session window (both ends inclusive).
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
public interface ReadOnlySessionStore<K, V> {
    /**
     * The sessions of {@code key} that end at or after {@code earliestSessionEnd} and start at or before
     * {@code latestSessionStart}, in order of their end (then start). A session aggregation looks up the sessions a
     * record at {@code t} joins with {@code findSessions(key, t - gap, t + gap)}.
     */
    KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestSessionEnd, long latestSessionStart);

    /** The aggregate of {@code key}'s session from {@code sessionStart} to {@code sessionEnd}, or null. */
    V fetchSession(K key, long sessionStart, long sessionEnd);

    /** Every session of {@code key}, in order of their end. */
    KeyValueIterator<Windowed<K>, V> fetch(K key);

    /**
     * The sessions of the keys whose serialized form lies between those of {@code keyFrom} and {@code keyTo}, both
     * inclusive; a null bound is open (so {@code fetch(null, null)} is every session held).
     */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo);
}
