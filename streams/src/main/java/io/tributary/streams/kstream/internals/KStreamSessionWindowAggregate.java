package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Merger;
import io.tributary.streams.kstream.SessionWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.KeyValueIterator;
import io.tributary.streams.state.SessionStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session-windowed {@code aggregate}, {@code reduce} or {@code count}. A record at {@code t} finds the sessions of
 * its key that end at or after {@code t - gap} and start at or before {@code t + gap}; the new session spans them
 * and {@code t}, and its aggregate is the initializer's value merged with each of theirs (in order of their end),
 * then the record aggregated in.
 *
 * <p>Each session found is removed from the store and deleted downstream ({@code Change(null, old)}) before the new
 * session is put and forwarded ({@code Change(new, null)}), each with its window end as timestamp. When the only
 * session found is the new session itself (the record falls inside it), the delete is still forwarded, as Kafka
 * Streams does, but the store just overwrites the entry.
 *
 * <p>A session that ends before the stream time minus gap minus grace is closed: a record whose (merged) session
 * would end before that is late and dropped, and a closed session is never merged (Kafka Streams relies on the
 * store's retention of gap plus grace to hide it; a longer retention could revive a session whose final result
 * {@code suppress} already emitted).
 */
final class KStreamSessionWindowAggregate<K, V, VA> extends ProcessorNode implements WindowedAggregation {
    private static final Logger log = LoggerFactory.getLogger(KStreamSessionWindowAggregate.class);

    private final String storeName;
    private final SessionWindows windows;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private final Merger<? super K, VA> merger;
    private SessionStore<K, VA> store;
    private long streamTime = Long.MIN_VALUE;

    KStreamSessionWindowAggregate(String storeName, SessionWindows windows, Initializer<VA> initializer,
                                  Aggregator<? super K, ? super V, VA> aggregator, Merger<? super K, VA> merger) {
        this.storeName = storeName;
        this.windows = windows;
        this.initializer = initializer;
        this.aggregator = aggregator;
        this.merger = merger;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        store = context.store(storeName);
        // after a restart: the stream time the task had reached (from the committed offsets)
        streamTime = Math.max(streamTime, context.streamTime());
    }

    /**
     * A session ending at {@code end} is closed once the stream time is past {@code end + gap + grace}: a record
     * at {@code end + gap} may still join it (the gap is inclusive), and such a record is late by the grace period
     * at most. So the delay is one millisecond more than gap plus grace.
     */
    @Override
    public long windowCloseDelayMs() {
        return windows.inactivityGap() + windows.gracePeriodMs() + 1;
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
        K k = (K) key;
        streamTime = Math.max(streamTime, timestamp);
        long closeTime = streamTime - windows.gracePeriodMs() - windows.inactivityGap();

        List<KeyValue<Windowed<K>, VA>> merged = new ArrayList<>();
        Window single = new Window(timestamp, timestamp);
        long start = timestamp;
        long end = timestamp;
        VA agg = initializer.apply();
        try (KeyValueIterator<Windowed<K>, VA> it = store.findSessions(k, timestamp - windows.inactivityGap(),
            timestamp + windows.inactivityGap())) {
            while (it.hasNext()) {
                KeyValue<Windowed<K>, VA> session = it.next();
                if (session.key().window().end() < closeTime) {
                    continue; // closed: a store with a longer retention than gap + grace may still hold it
                }
                merged.add(session);
                agg = merger.apply(k, agg, session.value());
                start = Math.min(start, session.key().window().start());
                end = Math.max(end, session.key().window().end());
            }
        }
        Window window = new Window(start, end);
        if (end < closeTime) {
            log.debug("store {}: dropping a record at {}@{} (timestamp {}) for session {} closed at stream time {}",
                storeName, context().topic(), context().offset(), timestamp, window, streamTime);
            return;
        }
        Windowed<K> sessionKey = new Windowed<>(k, window);
        VA old = null;
        if (!window.equals(single)) {
            for (KeyValue<Windowed<K>, VA> session : merged) {
                if (!session.key().equals(sessionKey)) {
                    store.remove(session.key());
                }
                forward(session.key(), new Change<>(null, session.value()), session.key().window().end());
            }
        } else if (!merged.isEmpty()) {
            // a second record at the same time as a one-record session: no delete went out, so pass its old value
            old = merged.get(0).value();
        }
        agg = aggregator.apply(k, (V) value, agg);
        store.put(sessionKey, agg);
        forward(sessionKey, new Change<>(agg, old), end);
    }
}
