package io.tributary.streams.kstream;

/**
 * A stream grouped by key, from {@link KStream#groupByKey}, ready for an aggregation. Each aggregation keeps its
 * result per key in a state store backed by a compacted changelog topic
 * {@code <application.id>-<store>-changelog} (created at start-up), from which the store is restored when a task
 * starts. Records with a null key or a null value are skipped.
 *
 * <p>An unnamed store (no {@link Materialized#as}) gets a name derived from what it is, not from its position
 * in the whole topology: {@code <source topics>-<operation>-<n>-store}, where {@code n} counts the aggregations
 * of that kind on the path from the source. Adding an unrelated operator therefore does not rename it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KGroupedStream<K, V> {
    /** The number of records per key, in a store with a derived name. */
    KTable<K, Long> count();

    /** The number of records per key, in the store {@code materialized} names. */
    KTable<K, Long> count(Materialized<K, Long> materialized);

    /** Values of each key combined with {@code reducer} (the first value is the start), in a derived store. */
    KTable<K, V> reduce(Reducer<V> reducer);

    /** Values of each key combined with {@code reducer}, in the store {@code materialized} names. */
    KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized);

    /**
     * Values of each key folded into an aggregate that starts from {@code initializer}; {@code materialized} must
     * give the aggregate's serde when its type differs from the value's.
     */
    <VA> KTable<K, VA> aggregate(Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                                 Materialized<K, VA> materialized);

    /** This grouping cut into the time windows {@code windows}, for a windowed aggregation. */
    TimeWindowedKStream<K, V> windowedBy(TimeWindows windows);

    /** This grouping cut into the session windows {@code windows}, for a session-windowed aggregation. */
    SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);

    /**
     * This grouping cut into the sliding windows {@code windows}, for a windowed aggregation whose windows are
     * {@code [start, start + timeDifference]} (both ends inclusive).
     */
    TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);
}
