package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Merger;
import io.tributary.streams.kstream.Reducer;
import io.tributary.streams.kstream.SessionWindowedKStream;
import io.tributary.streams.kstream.SessionWindows;
import io.tributary.streams.kstream.Windowed;
import java.util.Objects;

/** A grouped stream with its session windows; the aggregations add a {@link KStreamSessionWindowAggregate} node. */
final class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final SessionWindows windows;

    SessionWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, SessionWindows windows) {
        this.grouped = grouped;
        this.windows = windows;
    }

    /** Sessions are kept at least gap plus grace after their end: until no record can join them. */
    private long minRetentionMs() {
        return windows.inactivityGap() + windows.gracePeriodMs();
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return count(Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized) {
        Objects.requireNonNull(materialized, "materialized");
        return grouped.addSessionWindowed("session-count", materialized,
            materialized.valueSerde() != null ? materialized.valueSerde() : Serdes.longs(), minRetentionMs(),
            store -> new KStreamSessionWindowAggregate<K, V, Long>(store, windows, () -> 0L, (k, v, n) -> n + 1,
                (k, a, b) -> a + b));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized) {
        Objects.requireNonNull(reducer, "reducer");
        Objects.requireNonNull(materialized, "materialized");
        // the initial aggregate is null: the first value (or first merged session) replaces it
        return grouped.addSessionWindowed("session-reduce", materialized,
            materialized.valueSerde() != null ? materialized.valueSerde() : grouped.valueSerde(), minRetentionMs(),
            store -> new KStreamSessionWindowAggregate<K, V, V>(store, windows, () -> null,
                (k, v, agg) -> agg == null ? v : reducer.apply(agg, v),
                (k, a, b) -> a == null ? b : b == null ? a : reducer.apply(a, b)));
    }

    @Override
    public <VA> KTable<Windowed<K>, VA> aggregate(Initializer<VA> initializer,
                                                  Aggregator<? super K, ? super V, VA> aggregator,
                                                  Merger<? super K, VA> sessionMerger) {
        return aggregate(initializer, aggregator, sessionMerger, Materialized.with(null, null));
    }

    @Override
    public <VA> KTable<Windowed<K>, VA> aggregate(Initializer<VA> initializer,
                                                  Aggregator<? super K, ? super V, VA> aggregator,
                                                  Merger<? super K, VA> sessionMerger,
                                                  Materialized<K, VA> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(aggregator, "aggregator");
        Objects.requireNonNull(sessionMerger, "sessionMerger");
        Objects.requireNonNull(materialized, "materialized");
        return grouped.addSessionWindowed("session-aggregate", materialized, materialized.valueSerde(),
            minRetentionMs(),
            store -> new KStreamSessionWindowAggregate<>(store, windows, initializer, aggregator, sessionMerger));
    }
}
