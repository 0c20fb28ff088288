package io.tributary.streams.kstream;

/**
 * The key of a windowed aggregation's result: the record key and the window it was aggregated in.
 *
 * @param key    the record key
 * @param window the time window
 * @param <K>    key type
 */
public record Windowed<K>(K key, Window window) {
    @Override
    public String toString() {
        return "[" + key + "@" + window.start() + "/" + window.end() + "]";
    }
}
