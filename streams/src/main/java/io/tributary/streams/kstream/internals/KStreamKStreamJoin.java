package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.JoinWindows;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.ValueJoiner;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.WindowStore;
import io.tributary.streams.state.WindowStoreIterator;
import io.tributary.streams.state.internals.OuterJoinStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a stream-stream join (there is one node per side, both feeding one merge node). A record at {@code t}
 * is put into this side's window store, then joined with every record of the other side's store with the same key
 * in the window ({@code [t - before, t + after]} seen from the left), each result timestamped with the later of the
 * two records. Null keys or values and negative timestamps are skipped, except that the outer side of a left or
 * outer join forwards a null-key record at once, joined with null (KIP-962).
 *
 * <p>In a left or outer join, an outer side's record without a match waits in the shared {@link OuterJoinStore}
 * until its window has closed (its time plus the window's reach on the other side plus the grace period is before the
 * join's stream time) and is then forwarded joined with null, unless a match arrived first; a record whose window
 * had already closed when it arrived is forwarded at once. The scan for closed windows runs on records that do not
 * go back in time (Kafka Streams additionally throttles it by wall-clock time).
 */
final class KStreamKStreamJoin<K, V1, V2, VR> extends ProcessorNode {
    private static final Logger log = LoggerFactory.getLogger(KStreamKStreamJoin.class);

    private final boolean leftSide;
    private final boolean outer;
    private final String thisStoreName;
    private final String otherStoreName;
    private final String outerStoreName;
    private final JoinWindows windows;
    private final ValueJoiner<? super V1, ? super V2, ? extends VR> joiner;
    private WindowStore<K, Object> otherStore;
    private WindowStore<K, Object> thisStore;
    private OuterJoinStore<K, V1, V2> outerStore;
    private long streamTime = -1;

    /**
     * @param leftSide       whether this node receives the left stream
     * @param outer          whether this side's unmatched records are forwarded (joined with null)
     * @param outerStoreName the shared store of a left or outer join, or null for an inner join
     */
    KStreamKStreamJoin(boolean leftSide, boolean outer, String thisStoreName, String otherStoreName,
                       String outerStoreName, JoinWindows windows,
                       ValueJoiner<? super V1, ? super V2, ? extends VR> joiner) {
        this.leftSide = leftSide;
        this.outer = outer;
        this.thisStoreName = thisStoreName;
        this.otherStoreName = otherStoreName;
        this.outerStoreName = outerStoreName;
        this.windows = windows;
        this.joiner = joiner;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        thisStore = context.store(thisStoreName);
        otherStore = context.store(otherStoreName);
        outerStore = outerStoreName == null ? null : context.store(outerStoreName);
        // after a restart: the stream time the task had reached (from the committed offsets), so that held records
        // whose window closed before are emitted by the next record, and late ones at once
        streamTime = Math.max(streamTime, context.streamTime());
        if (outerStore != null) {
            outerStore.advanceStreamTime(streamTime);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        long timestamp = context().timestamp();
        streamTime = outerStore != null ? outerStore.advanceStreamTime(timestamp) : Math.max(streamTime, timestamp);
        if (key == null && value != null && outer) {
            forward(null, join(value, null));
            return;
        }
        if (key == null || value == null || timestamp < 0) {
            log.debug("join {}: skipping a record with a null key or value or no timestamp at {}@{}", name(),
                context().topic(), context().offset());
            return;
        }
        K k = (K) key;
        thisStore.put(k, value, timestamp);
        if (outerStore != null && timestamp == streamTime) {
            emitClosed();
        }
        // seen from the right, the window reaches "after" back and "before" forward
        long reachBack = leftSide ? windows.beforeMs() : windows.afterMs();
        long reachForward = leftSide ? windows.afterMs() : windows.beforeMs();
        long timeFrom = Math.max(0, timestamp - reachBack);
        long timeTo = Math.max(0, timestamp + reachForward);
        boolean matched = false;
        try (WindowStoreIterator<Object> it = otherStore.fetch(k, timeFrom, timeTo)) {
            while (it.hasNext()) {
                KeyValue<Long, Object> other = it.next();
                matched = true;
                if (outerStore != null) {
                    outerStore.delete(!leftSide, k, other.key());
                }
                forward(k, join(value, other.value()), Math.max(timestamp, other.key()));
            }
        }
        if (outer && !matched) {
            if (outerStore == null || timeTo < streamTime) {
                forward(k, join(value, null));
            } else {
                outerStore.put(leftSide, k, timestamp, value);
            }
        }
    }

    /** Forwards the held records whose window closed, joined with null, each with its own timestamp. */
    private void emitClosed() {
        long leftDelay = windows.afterMs() + windows.gracePeriodMs();
        long rightDelay = windows.beforeMs() + windows.gracePeriodMs();
        long min = outerStore.minTimestamp();
        if (min == Long.MAX_VALUE || min + Math.min(leftDelay, rightDelay) >= streamTime) {
            return;
        }
        for (OuterJoinStore.Entry<K> e : outerStore.removeClosed(leftDelay, rightDelay, streamTime)) {
            VR joined = e.left() ? joined(e.value(), null) : joined(null, e.value());
            forward(e.key(), joined, e.timestamp());
        }
    }

    /** This side's value joined with the other side's, in the joiner's (left, right) order. */
    private VR join(Object thisValue, Object otherValue) {
        return leftSide ? joined(thisValue, otherValue) : joined(otherValue, thisValue);
    }

    @SuppressWarnings("unchecked")
    private VR joined(Object left, Object right) {
        return joiner.apply((V1) left, (V2) right);
    }
}
