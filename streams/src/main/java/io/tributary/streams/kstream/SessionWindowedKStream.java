package io.tributary.streams.kstream;

/**
 * A grouped stream cut into session windows ({@link KGroupedStream#windowedBy(SessionWindows)}), ready for an
 * aggregation per key and session. The result is a table keyed by {@link Windowed} (the window is the session's
 * first and last timestamp), kept in a {@link io.tributary.streams.state.SessionStore} whose changelog is
 * {@code <application.id>-<store>-changelog}.
 *
 * <p>Every update is emitted, with the session's end as its timestamp. When a record joins existing sessions, each
 * of them is first deleted downstream (a record with the old session key and a null value) and then the merged
 * session is emitted; that includes the session the record falls into when its window does not change. Records with
 * a null key or value, a negative timestamp, or that arrive after their session closed are skipped.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface SessionWindowedKStream<K, V> {
    /** The number of records per session, in a store named {@code <source topics>-session-count-<n>-store}. */
    KTable<Windowed<K>, Long> count();

    /** The number of records per session, in the store {@code materialized} names. */
    KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized);

    /** The values of each session combined with {@code reducer} (also used to merge sessions), derived store. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    /** The values of each session combined with {@code reducer}, in the store {@code materialized} names. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized);

    /**
     * The values of each session folded into an aggregate starting from {@code initializer}; {@code sessionMerger}
     * combines the aggregates of sessions a record joins. Without a default serde for the aggregate this fails at
     * build time: use the overload with {@link Materialized} to give it.
     */
    <VA> KTable<Windowed<K>, VA> aggregate(Initializer<VA> initializer,
                                           Aggregator<? super K, ? super V, VA> aggregator,
                                           Merger<? super K, VA> sessionMerger);

    /** As {@link #aggregate(Initializer, Aggregator, Merger)}, in the store {@code materialized} describes. */
    <VA> KTable<Windowed<K>, VA> aggregate(Initializer<VA> initializer,
                                           Aggregator<? super K, ? super V, VA> aggregator,
                                           Merger<? super K, VA> sessionMerger,
                                           Materialized<K, VA> materialized);
}
