package io.tributary.streams.kstream;

/**
 * An unbounded stream of key-value records, built with {@link io.tributary.streams.StreamsBuilder}. Each
 * operator returns a new stream and adds a processor to the topology; nothing runs until the topology is started
 * by {@link io.tributary.streams.TributaryStreams}. Records flow through the operators one at a time, in the order
 * of their source partition.
 *
 * <p>A stream knows the serdes of its keys and values while they keep their source types; after an operator that
 * may change a type ({@link #map}, {@link #mapValues}, {@link #selectKey}, {@link #flatMap},
 * {@link #flatMapValues}) pass serdes to {@link #to(String, Produced)} or {@link #groupByKey(Grouped)}.
 *
 * <p>A stream also knows whether its key may have changed since it was read ({@link #map}, {@link #selectKey},
 * {@link #flatMap}); grouping such a stream first sends it through a repartition topic so that each key is
 * aggregated by one task.
 *
 * <pre>{@code
 * builder.stream("orders", Consumed.with(Serdes.string(), Serdes.string()))
 *        .filter((k, v) -> v.contains("paid"))
 *        .mapValues(String::toUpperCase)
 *        .to("paid-orders", Produced.with(Serdes.string(), Serdes.string()));
 * }</pre>
 *
 * <p>Not thread-safe: build a topology on one thread.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KStream<K, V> {
    /** The records for which {@code predicate} is true. */
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

    /** {@link #filter(Predicate)} with its node called {@code named}. */
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    /** The records for which {@code predicate} is false. */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    /** {@link #filterNot(Predicate)} with its node called {@code named}. */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    /** Each record replaced by the key and value {@code mapper} returns (null drops the record). */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper);

    /** {@link #map(KeyValueMapper)} with its node called {@code named}. */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper,
                                 Named named);

    /** Each record with its value replaced by {@code mapper}'s result, key unchanged. */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    /** {@link #mapValues(ValueMapper)} with its node called {@code named}. */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    /** Each record with its key replaced by {@code mapper}'s result, value unchanged. */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    /** {@link #selectKey(KeyValueMapper)} with its node called {@code named}. */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    /** Each record replaced by all the key-value pairs {@code mapper} returns (none for null or empty). */
    <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V,
            ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper);

    /** {@link #flatMap(KeyValueMapper)} with its node called {@code named}. */
    <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V,
            ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper, Named named);

    /** Each record replaced by one record per value {@code mapper} returns, key unchanged. */
    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper);

    /** {@link #flatMapValues(ValueMapper)} with its node called {@code named}. */
    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    /**
     * The records of this stream and of {@code other} in one stream (each in the order of its own partitions; no
     * order between the two). Serdes known to both carry over.
     */
    KStream<K, V> merge(KStream<K, V> other);

    /** {@link #merge(KStream)} with its node called {@code named}. */
    KStream<K, V> merge(KStream<K, V> other, Named named);

    /** Splits the stream into branches by predicate; see {@link BranchedKStream}. Branch names have no prefix. */
    BranchedKStream<K, V> split();

    /** Splits the stream into branches whose names start with {@code namePrefix}. */
    BranchedKStream<K, V> split(String namePrefix);

    /**
     * The same records, written to and read back from the repartition topic
     * {@code <application.id>-<source topics>-<n>-repartition} so that the producer's partitioner places
     * them by their current key. Needs the stream's serdes.
     */
    KStream<K, V> repartition();

    /** The same records through a repartition topic named and serialized as {@code repartitioned} says. */
    KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

    /** Calls {@code action} on each record and passes the record on unchanged. */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

    /** {@link #peek(ForeachAction)} with its node called {@code named}. */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named);

    /** Calls {@code action} on each record; a terminal operation. */
    void foreach(ForeachAction<? super K, ? super V> action);

    /** {@link #foreach(ForeachAction)} with its node called {@code named}. */
    void foreach(ForeachAction<? super K, ? super V> action, Named named);

    /** Writes each record to {@code topic} with the stream's own serdes (an error if they are not known). */
    void to(String topic);

    /** Writes each record to {@code topic} with {@code produced}'s serdes. */
    void to(String topic, Produced<K, V> produced);

    /** Writes each record to the topic {@code chooser} picks for it, with {@code produced}'s serdes. */
    void to(TopicNameExtractor<K, V> chooser, Produced<K, V> produced);

    /**
     * Groups the records by the key {@code selector} computes, for an aggregation: the records go through a
     * repartition topic keyed by the new key (see {@link Grouped}), so each key is counted by one task.
     */
    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> selector, Grouped<KR, V> grouped);

    /** Groups the records by their current key, with the stream's serdes, for an aggregation. */
    KGroupedStream<K, V> groupByKey();

    /**
     * Groups the records by their current key, for an aggregation. If the key may have changed since the source
     * ({@code map}, {@code selectKey}, {@code flatMap}) the records are first repartitioned (see {@link Grouped});
     * otherwise they are not: the source topic's partitioning is used.
     */
    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

    /**
     * Runs each record through a {@link io.tributary.streams.processor.api.Processor} of the low-level API, which
     * may forward any records (so the key and types may change: pass serdes to later operators). The processor may
     * use the stores named here (added with {@link io.tributary.streams.StreamsBuilder#addStateStore}) and those its
     * supplier's {@code stores()} returns.
     */
    <KOut, VOut> KStream<KOut, VOut> process(
        io.tributary.streams.processor.api.ProcessorSupplier<? super K, ? super V, KOut, VOut> supplier,
        String... stateStoreNames);

    /**
     * The inner join with {@code table} on the key: each stream record whose key has a row in the table emits
     * {@code joiner(value, row)} with the stream record's key and timestamp. Only the stream drives the join: a
     * table update emits nothing and is seen by later stream records only. Records with a null key or value are
     * dropped. If this stream's key may have changed, it first goes through a repartition topic
     * ({@code <source topics>-join-<n>-repartition} or {@link Joined#name()}); stream and table must be
     * co-partitioned (checked at start-up).
     */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    /** As {@link #join(KTable, ValueJoiner)}, with serdes and a repartition topic name from {@code joined}. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    /** As {@link #join(KTable, ValueJoiner)}, the joiner seeing the key too. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    /**
     * The left join with {@code table}: as {@link #join(KTable, ValueJoiner)}, but a stream record without a row
     * is joined with null instead of dropped (a record with a null key too; one with a null value is dropped).
     */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    /** As {@link #leftJoin(KTable, ValueJoiner)}, with serdes and a repartition topic name from {@code joined}. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    /** As {@link #leftJoin(KTable, ValueJoiner)}, the joiner seeing the key too. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    /** As {@link #join(KTable, ValueJoinerWithKey)}, with serdes and a repartition topic name from {@code joined}. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    /** As {@link #leftJoin(KTable, ValueJoinerWithKey)}, with serdes and a repartition topic name from {@code joined}. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    /**
     * Joins each record with the records of {@code otherStream} that have the same key and a timestamp within
     * {@code windows} of it (inner join: only matches are emitted, one per matching pair, timestamped with the later
     * record). Uses both streams' serdes for the window stores; a stream whose key may have changed is first
     * repartitioned so both sides are co-partitioned.
     */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows);

    /** As {@link #join(KStream, ValueJoiner, JoinWindows)}, with the serdes and stores {@code streamJoined} gives. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /**
     * Like {@link #join(KStream, ValueJoiner, JoinWindows)}, and each record of this stream that found no match is
     * emitted joined with null once its window has closed (its time plus {@code after} plus the grace period is
     * before the stream time), or at once if it arrived after that.
     */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** As {@link #leftJoin(KStream, ValueJoiner, JoinWindows)}, with what {@code streamJoined} gives. */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                     StreamJoined<K, V, VO> streamJoined);

    /**
     * Like {@link #leftJoin(KStream, ValueJoiner, JoinWindows)} for both streams: unmatched records of either side are
     * emitted, joined with null on the other side, once their window has closed.
     */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** As {@link #outerJoin(KStream, ValueJoiner, JoinWindows)}, with what {@code streamJoined} gives. */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                      StreamJoined<K, V, VO> streamJoined);
}
