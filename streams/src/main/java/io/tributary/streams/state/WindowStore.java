package io.tributary.streams.state;

/**
 * A store of values per key and fixed-size time window, keeping each window for the store's retention period
 * (counted back from the largest window start put so far). With duplicates retained (the store of a stream-stream
 * join), each put adds an entry instead of replacing the window's value.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {
    /**
     * Sets the value of {@code key} in the window starting at {@code windowStart}; null deletes it. A window older
     * than the retention period is ignored.
     */
    void put(K key, V value, long windowStart);

    /** The window size in milliseconds (the end of a window is its start plus this). */
    long windowSize();

    /** How long windows are kept, in milliseconds. */
    long retentionPeriod();
}
