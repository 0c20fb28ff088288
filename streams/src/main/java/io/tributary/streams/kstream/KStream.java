package io.tributary.streams.kstream;

/**
 * An unbounded stream of key-value records, built with {@link io.tributary.streams.StreamsBuilder}. Each
 * operator returns a new stream and adds a processor to the topology; nothing runs until the topology is started
 * by {@link io.tributary.streams.TributaryStreams}. Records flow through the operators one at a time, in the order
 * of their source partition.
 *
 * <p>A stream knows the serdes of its keys and values while they keep their source types; after an operator that
 * may change a type ({@link #map}, {@link #mapValues}, {@link #selectKey}) pass serdes to {@link #to(String,
 * Produced)} or {@link #groupByKey(Grouped)}.
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

    /** The records for which {@code predicate} is false. */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    /** Each record replaced by the key and value {@code mapper} returns (null drops the record). */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper);

    /** Each record with its value replaced by {@code mapper}'s result, key unchanged. */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    /** Each record with its key replaced by {@code mapper}'s result, value unchanged. */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    /** Calls {@code action} on each record and passes the record on unchanged. */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

    /** Calls {@code action} on each record; a terminal operation. */
    void foreach(ForeachAction<? super K, ? super V> action);

    /** Writes each record to {@code topic} with the stream's own serdes (an error if they are not known). */
    void to(String topic);

    /** Writes each record to {@code topic} with {@code produced}'s serdes. */
    void to(String topic, Produced<K, V> produced);

    /** Groups the records by their current key, with the stream's serdes, for an aggregation. */
    KGroupedStream<K, V> groupByKey();

    /**
     * Groups the records by their current key, for an aggregation. The records are not repartitioned: the key must
     * already decide the partition (as it does when the key came from the source topic unchanged).
     */
    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);
}
