package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Reducer;
import io.tributary.streams.kstream.SlidingWindows;
import io.tributary.streams.kstream.TimeWindowedKStream;
import io.tributary.streams.kstream.Windowed;
import java.util.Objects;

/**
 * A grouped stream with sliding windows; the aggregations add a {@link KStreamSlidingWindowAggregate} node on a
 * window store of window size {@code timeDifference} that keeps windows at least {@code 2 * timeDifference + grace}
 * (a record may need the window ending one time difference before its own left window).
 */
final class SlidingWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final SlidingWindows windows;

    SlidingWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, SlidingWindows windows) {
        this.grouped = grouped;
        this.windows = windows;
    }

    private long minRetentionMs() {
        return 2 * windows.timeDifferenceMs() + windows.graceMs();
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return count(Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized) {
        Objects.requireNonNull(materialized, "materialized");
        return grouped.addWindowed("sliding-count", materialized,
            materialized.valueSerde() != null ? materialized.valueSerde() : Serdes.longs(),
            windows.timeDifferenceMs(), minRetentionMs(),
            store -> new KStreamSlidingWindowAggregate<K, V, Long>(store, windows, () -> 0L, (k, v, n) -> n + 1));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized) {
        Objects.requireNonNull(reducer, "reducer");
        Objects.requireNonNull(materialized, "materialized");
        // a window's first value is its start: the initial aggregate is null, which the aggregator replaces
        return grouped.addWindowed("sliding-reduce", materialized,
            materialized.valueSerde() != null ? materialized.valueSerde() : grouped.valueSerde(),
            windows.timeDifferenceMs(), minRetentionMs(),
            store -> new KStreamSlidingWindowAggregate<K, V, V>(store, windows, () -> null,
                (k, v, agg) -> agg == null ? v : reducer.apply(agg, v)));
    }

    @Override
    public <VA> KTable<Windowed<K>, VA> aggregate(Initializer<VA> initializer,
                                                  Aggregator<? super K, ? super V, VA> aggregator,
                                                  Materialized<K, VA> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(aggregator, "aggregator");
        Objects.requireNonNull(materialized, "materialized");
        return grouped.addWindowed("sliding-aggregate", materialized, materialized.valueSerde(),
            windows.timeDifferenceMs(), minRetentionMs(),
            store -> new KStreamSlidingWindowAggregate<>(store, windows, initializer, aggregator));
    }
}
