package io.tributary.streams.kstream;

/**
 * A grouped stream cut into time windows ({@link KGroupedStream#windowedBy}), ready for an aggregation per key and
 * window. The result is a table keyed by {@link Windowed}, kept in a store whose changelog
 * {@code <application.id>-<store>-changelog} is keyed by {@link WindowedSerdes#windowed}. Every update is emitted;
 * records with a null key or value, a negative timestamp, or that arrive after their window closed (end + grace)
 * are skipped.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface TimeWindowedKStream<K, V> {
    /** The number of records per key and window, in a store named {@code <source topics>-window-count-<n>-store}. */
    KTable<Windowed<K>, Long> count();

    /** The number of records per key and window, in the store {@code materialized} names. */
    KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized);

    /** The values of each key and window combined with {@code reducer} (the first is the start), derived store. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    /** The values of each key and window combined with {@code reducer}, in the store {@code materialized} names. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized);

    /**
     * The values of each key and window folded into an aggregate starting from {@code initializer};
     * {@code materialized} must give the aggregate's serde when its type differs from the value's.
     */
    <VA> KTable<Windowed<K>, VA> aggregate(Initializer<VA> initializer,
                                           Aggregator<? super K, ? super V, VA> aggregator,
                                           Materialized<K, VA> materialized);
}
