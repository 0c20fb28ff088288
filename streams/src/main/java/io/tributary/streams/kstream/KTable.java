package io.tributary.streams.kstream;

/**
 * A changelog of the latest value per key: a topic read as a table ({@link io.tributary.streams.StreamsBuilder#table}),
 * the result of an aggregation, or of a table operator. Each update of a key emits one record downstream (no caching:
 * every update is forwarded); a deletion is a record with a null value (a tombstone).
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KTable<K, V> {
    /** The stream of this table's updates: one record per change of a key. */
    KStream<K, V> toStream();

    /** {@link #toStream()} with its node called {@code named}. */
    KStream<K, V> toStream(Named named);

    /** The name of the state store holding this table. */
    String queryableStoreName();

    /**
     * The rows for which {@code predicate} is true. A row that stops matching is deleted downstream (a tombstone) when
     * its previous value matched; a row that matches neither before nor after emits nothing when this table sends old
     * values (it is materialized, or an aggregation, join or {@code groupBy} needs them), else a tombstone as well
     * (Kafka Streams' behaviour).
     */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate);

    /** As {@link #filter(Predicate)}, materialized in the store {@code materialized} describes. */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Materialized<K, V> materialized);

    /** The rows for which {@code predicate} is false; deletions as in {@link #filter(Predicate)}. */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    /** As {@link #filterNot(Predicate)}, materialized in the store {@code materialized} describes. */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Materialized<K, V> materialized);

    /** Each row's value mapped with {@code mapper}; a deletion stays a deletion (the mapper never sees null). */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    /**
     * As {@link #mapValues(ValueMapper)}, materialized in the store {@code materialized} describes (its value serde
     * is needed).
     */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Materialized<K, VR> materialized);

    /**
     * The rows re-keyed by {@code selector} for an aggregation with adder and subtractor (see {@link KGroupedTable}),
     * with this table's serdes (only right when the selector keeps the types).
     */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector);

    /** The rows re-keyed by {@code selector}; {@code grouped} gives the serdes and the repartition topic's name. */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
                                           Grouped<KR, VR> grouped);

    /**
     * The inner join with {@code other} on the key: a row exists where both tables have one. Every update on either
     * side emits the key's joined value, or a tombstone when a side's row is deleted while the other exists. The
     * output's timestamp is the larger of the two rows'. Both tables must be co-partitioned (same key, same number of
     * partitions; checked at start-up).
     */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** As {@link #join(KTable, ValueJoiner)}, materialized in the store {@code materialized} describes. */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Materialized<K, VR> materialized);

    /**
     * The left join with {@code other}: a row wherever this table has one, joined with {@code other}'s row or with
     * null. A deletion in {@code other} re-emits the row joined with null.
     */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** As {@link #leftJoin(KTable, ValueJoiner)}, materialized in the store {@code materialized} describes. */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR> materialized);

    /**
     * The outer join with {@code other}: a row wherever either table has one, the missing side passed as null; a
     * tombstone once both are deleted.
     */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** As {@link #outerJoin(KTable, ValueJoiner)}, materialized in the store {@code materialized} describes. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     Materialized<K, VR> materialized);

    /**
     * This table's updates held back as {@code suppressed} says: one final result per window of a windowed table
     * ({@link Suppressed#untilWindowCloses}), or each key's latest update after a time limit
     * ({@link Suppressed#untilTimeLimit}). The buffer is a changelogged store, so a restarted application neither
     * emits a result twice nor loses a buffered one. The result is not queryable ({@link #queryableStoreName} is
     * null).
     */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);
}
