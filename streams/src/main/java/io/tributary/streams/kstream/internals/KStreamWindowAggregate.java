package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.TypedWindowStore;
import io.tributary.streams.state.internals.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A windowed {@code aggregate} or {@code count}: folds each value into the aggregate of its key in every window
 * that contains the record's timestamp and is still open, then forwards the windowed key with the new aggregate.
 * A window is closed once its end plus the grace period is at or before the stream time (the largest timestamp
 * this node has seen in its task); records for closed windows are dropped. The window store keeps windows for its
 * retention (at least size plus grace) and then drops them. Null keys or values and negative timestamps are skipped.
 */
final class KStreamWindowAggregate<K, V, VA> extends ProcessorNode implements WindowedAggregation {
    private static final Logger log = LoggerFactory.getLogger(KStreamWindowAggregate.class);

    private final String storeName;
    private final TimeWindows windows;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private TypedWindowStore<K, VA> store;
    private long streamTime = Long.MIN_VALUE;

    KStreamWindowAggregate(String storeName, TimeWindows windows, Initializer<VA> initializer,
                           Aggregator<? super K, ? super V, VA> aggregator) {
        this.storeName = storeName;
        this.windows = windows;
        this.initializer = initializer;
        this.aggregator = aggregator;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        store = context.store(storeName);
        // after a restart: the stream time the task had reached (from the committed offsets), so windows its
        // predecessor closed stay closed
        streamTime = Math.max(streamTime, context.streamTime());
    }

    /** A time window is closed once its end (exclusive) plus the grace period is at or before the stream time. */
    @Override
    public long windowCloseDelayMs() {
        return windows.graceMs();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        long timestamp = context().timestamp();
        if (key == null || value == null || timestamp < 0) {
            log.debug("store {}: skipping a record with a null key or value or no timestamp at {}@{}", storeName,
                context().topic(), context().offset());
            return;
        }
        streamTime = Math.max(streamTime, timestamp);
        K k = (K) key;
        for (Window window : windows.windowsFor(timestamp)) {
            if (window.end() + windows.graceMs() <= streamTime) {
                log.debug("store {}: dropping a record at {}@{} (timestamp {}) for window {} closed at stream time {}",
                    storeName, context().topic(), context().offset(), timestamp, window, streamTime);
                continue;
            }
            ValueAndTimestamp<VA> previous = store.fetchWithTimestamp(k, window.start());
            VA old = ValueAndTimestamp.valueOrNull(previous);
            VA updated = aggregator.apply(k, (V) value, old == null ? initializer.apply() : old);
            // the update carries the latest record time in the window (Kafka Streams' rule)
            long updateTime = previous == null ? timestamp : Math.max(timestamp, previous.timestamp());
            store.put(k, updated, window.start(), updateTime);
            forward(new Windowed<>(k, window), new Change<>(updated, old), updateTime);
        }
    }
}
