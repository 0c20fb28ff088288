package io.tributary.streams.kstream;

/**
 * A table re-grouped by a new key, from {@link KTable#groupBy}, ready for an aggregation. Unlike a grouped stream,
 * a table's rows change: when a row is updated or deleted, its old value is first taken out of the aggregate of its
 * old key (the subtractor), then the new value is added to the aggregate of its new key (the adder). Both travel
 * through the repartition topic {@code <application.id>-<name>-repartition} ({@code name} from
 * {@link Grouped#as}, else the aggregation's store name), so each new key is aggregated by one task.
 *
 * <p>When a row keeps its group, the subtraction and the addition arrive together and produce one update; when it
 * moves, the old group gets one update (subtracted) and the new group another (added). Every update is emitted (no
 * caching). Rows whose selected key or value is null are not aggregated. Unnamed stores get derived names as in
 * {@link KGroupedStream}: {@code <source topics>-<operation>-<n>-store}.
 *
 * <pre>{@code
 * users.groupBy((id, user) -> KeyValue.pair(user.region(), user), Grouped.with(Serdes.string(), userSerde))
 *      .count(Materialized.as("users-per-region"));
 * }</pre>
 *
 * @param <K> the new key type
 * @param <V> the new value type
 */
public interface KGroupedTable<K, V> {
    /** The number of rows per new key, in a store with a derived name; a row moving away decrements. */
    KTable<K, Long> count();

    /** The number of rows per new key, in the store {@code materialized} names. */
    KTable<K, Long> count(Materialized<K, Long> materialized);

    /**
     * The rows of each new key combined with {@code adder}; {@code subtractor} takes an old value out again (the
     * first value is the start). In a store with a derived name.
     */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor);

    /** As {@link #reduce(Reducer, Reducer)}, in the store {@code materialized} names. */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Materialized<K, V> materialized);

    /**
     * The rows of each new key folded into an aggregate that starts from {@code initializer}: {@code adder} adds a
     * new value, {@code subtractor} takes an old one out. The aggregate's serde comes from the grouping's value serde,
     * so use the overload with {@link Materialized} when the aggregate's type differs.
     */
    <VA> KTable<K, VA> aggregate(Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> adder,
                                 Aggregator<? super K, ? super V, VA> subtractor);

    /** As {@link #aggregate(Initializer, Aggregator, Aggregator)}, in the store {@code materialized} describes. */
    <VA> KTable<K, VA> aggregate(Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> adder,
                                 Aggregator<? super K, ? super V, VA> subtractor, Materialized<K, VA> materialized);
}
