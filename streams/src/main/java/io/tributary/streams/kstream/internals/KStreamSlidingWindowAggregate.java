package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.Aggregator;
import io.tributary.streams.kstream.Initializer;
import io.tributary.streams.kstream.SlidingWindows;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.state.WindowStoreIterator;
import io.tributary.streams.state.internals.TypedWindowStore;
import io.tributary.streams.state.internals.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sliding-window {@code aggregate}, {@code reduce} or {@code count} (see {@link SlidingWindows}). Windows are kept
 * by start in a timestamped window store, each with the latest record time it holds. For a record at {@code t}
 * (time difference {@code d}):
 * <ul>
 *   <li>every stored window of the key containing {@code t} gets the record;</li>
 *   <li>the window {@code [t - d, t]} is created if missing, starting from the aggregate of the latest window that
 *       ended before {@code t} when that window's last record is within {@code d} of {@code t};</li>
 *   <li>the window starting 1 ms after the previous record (the one it leaves) is created if missing and {@code t}
 *       falls into it;</li>
 *   <li>the window {@code [t + 1, t + 1 + d]} is created, without this record, when a later record (out of order)
 *       falls into it: its aggregate is the one of the latest window containing {@code t} before the update.</li>
 * </ul>
 * Records with {@code t < d} have no window {@code [t - d, t]}; they all go into {@code [0, d]} instead. A window
 * whose end plus grace is before the stream time is closed and not updated; a record is dropped as a whole when the
 * end of its own right window plus grace is at or before the stream time (Kafka Streams' rules, both). Null keys or values and negative timestamps are skipped.
 */
final class KStreamSlidingWindowAggregate<K, V, VA> extends ProcessorNode implements WindowedAggregation {
    private static final Logger log = LoggerFactory.getLogger(KStreamSlidingWindowAggregate.class);

    private final String storeName;
    private final long difference;
    private final long grace;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private TypedWindowStore<K, VA> store;
    private long streamTime = Long.MIN_VALUE;

    /** A stored window: its start, aggregate and latest record time. */
    private record Slot<VA>(long start, VA value, long time) {
    }

    KStreamSlidingWindowAggregate(String storeName, SlidingWindows windows, Initializer<VA> initializer,
                                  Aggregator<? super K, ? super V, VA> aggregator) {
        this.storeName = storeName;
        this.difference = windows.timeDifferenceMs();
        this.grace = windows.graceMs();
        this.initializer = initializer;
        this.aggregator = aggregator;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        store = context.store(storeName);
        // after a restart: the stream time the task had reached, so windows its predecessor closed stay closed
        streamTime = Math.max(streamTime, context.streamTime());
    }

    /**
     * A sliding window still accepts a record while its end (inclusive) plus the grace period is at or after the
     * stream time, so it is closed once the stream time reaches end + grace + 1 ms.
     */
    @Override
    public long windowCloseDelayMs() {
        return grace + 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        long t = context().timestamp();
        if (key == null || value == null || t < 0) {
            log.debug("store {}: skipping a record with a null key or value or no timestamp at {}@{}", storeName,
                context().topic(), context().offset());
            return;
        }
        streamTime = Math.max(streamTime, t);
        long closeTime = streamTime - grace;
        if (t + 1 + difference <= closeTime) {
            log.debug("store {}: dropping a record at {}@{} (timestamp {}): its windows closed at stream time {}",
                storeName, context().topic(), context().offset(), t, streamTime);
            return;
        }
        K k = (K) key;
        V v = (V) value;
        if (t < difference) {
            early(k, v, t, closeTime);
        } else {
            inOrder(k, v, t, closeTime);
        }
    }

    private void inOrder(K k, V v, long t, long closeTime) {
        List<Slot<VA>> slots = windows(k, Math.max(0, t - 2 * difference), t + 1);
        Slot<VA> endedBefore = null;
        Slot<VA> containing = null;
        boolean leftExists = false;
        boolean rightExists = false;
        long previous = -1;
        // latest window first, down to the first one that ended before t: windows are updated in that order
        for (int i = slots.size() - 1; i >= 0; i--) {
            Slot<VA> slot = slots.get(i);
            long end = slot.start() + difference;
            if (slot.start() == t + 1) {
                rightExists = true;
            } else if (end > t) {
                if (containing == null) {
                    containing = slot;
                }
                update(k, v, t, closeTime, slot, true);
            } else if (end == t) {
                leftExists = true;
                if (slot.time() < t) {
                    previous = slot.time();
                }
                update(k, v, t, closeTime, slot, true);
            } else {
                endedBefore = slot;
                previous = slot.time();
                break;
            }
        }
        createPreviousRight(k, v, t, closeTime, previous, slots);
        if (!leftExists) {
            // the latest window that ended before t holds exactly the records of [t - d, t) if its last one is in it
            VA seed = previous >= 0 && t - difference <= previous ? endedBefore.value() : initializer.apply();
            update(k, v, t, closeTime, new Slot<>(t - difference, seed, t), false);
        }
        if (!rightExists && containing != null && containing.time() > t) {
            createRight(k, t, containing);
        }
    }

    private void early(K k, V v, long t, long closeTime) {
        List<Slot<VA>> slots = windows(k, 0, t + 1);
        Slot<VA> combined = null;
        Slot<VA> containing = null;
        boolean rightExists = false;
        long previous = -1;
        for (Slot<VA> slot : slots) {
            if (slot.start() == 0) {
                combined = slot;
                if (slot.time() < t) {
                    previous = slot.time();
                }
            } else if (slot.start() <= t) {
                containing = slot;
                update(k, v, t, closeTime, slot, true);
            } else {
                rightExists = true;
            }
        }
        Slot<VA> rightSource = containing != null ? containing : combined;
        if (!rightExists && rightSource != null && rightSource.time() > t) {
            createRight(k, t, rightSource);
        }
        createPreviousRight(k, v, t, closeTime, previous, slots);
        if (combined == null) {
            update(k, v, t, closeTime, new Slot<>(0, initializer.apply(), t), false);
        } else {
            update(k, v, t, closeTime, combined, true);
        }
    }

    /** Creates the window the previous record (at {@code previous}) leaves, if missing and {@code t} is in it. */
    private void createPreviousRight(K k, V v, long t, long closeTime, long previous, List<Slot<VA>> slots) {
        if (previous < 0) {
            return;
        }
        long start = previous + 1;
        if (start + difference >= t && slots.stream().noneMatch(s -> s.start() == start)) {
            update(k, v, t, closeTime, new Slot<>(start, initializer.apply(), t), false);
        }
    }

    /** Creates {@code [t + 1, t + 1 + d]} holding what {@code source} held (records after t), stamped as it was. */
    private void createRight(K k, long t, Slot<VA> source) {
        long start = t + 1;
        store.put(k, source.value(), start, source.time());
        forward(new Windowed<>(k, new Window(start, start + difference)), new Change<>(source.value(), null),
            source.time());
    }

    /** Adds the record to {@code slot}'s window (an existing or a new one) unless that window is closed. */
    private void update(K k, V v, long t, long closeTime, Slot<VA> slot, boolean exists) {
        long end = slot.start() + difference;
        if (end < closeTime) {
            log.debug("store {}: dropping a record at {}@{} (timestamp {}) for window [{}, {}] closed at stream time {}",
                storeName, context().topic(), context().offset(), t, slot.start(), end, streamTime);
            return;
        }
        VA updated = aggregator.apply(k, v, slot.value());
        long time = exists ? Math.max(t, slot.time()) : t;
        store.put(k, updated, slot.start(), time);
        forward(new Windowed<>(k, new Window(slot.start(), end)), new Change<>(updated, exists ? slot.value() : null),
            time);
    }

    /** The key's stored windows starting from {@code from} to {@code to}, earliest first. */
    private List<Slot<VA>> windows(K k, long from, long to) {
        List<Long> starts = new ArrayList<>();
        try (WindowStoreIterator<VA> it = store.fetch(k, from, to)) {
            while (it.hasNext()) {
                KeyValue<Long, VA> next = it.next();
                starts.add(next.key());
            }
        }
        List<Slot<VA>> slots = new ArrayList<>(starts.size());
        for (long start : starts) {
            ValueAndTimestamp<VA> stored = store.fetchWithTimestamp(k, start);
            if (stored != null) {
                slots.add(new Slot<>(start, stored.value(), stored.timestamp()));
            }
        }
        return slots;
    }
}
