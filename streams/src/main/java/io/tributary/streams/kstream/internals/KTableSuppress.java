package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.StreamsException;
import io.tributary.streams.TopologyException;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.Suppressed;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.state.internals.SuppressionBuffer;
import io.tributary.streams.state.internals.SuppressionBufferBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code KTable.suppress}: buffers each key's latest update ({@link SuppressionBuffer}) and forwards it, as
 * {@code Change(latest, value before the first buffered update)} with the latest update's timestamp, once the stream
 * time (the largest timestamp this node has seen, saved in the buffer at each emission) has reached its buffer time
 * plus the delay: for {@code untilWindowCloses} the buffer time is the window end and the delay the upstream window
 * aggregation's close delay; for {@code untilTimeLimit} the time of the key's first buffered update and the limit.
 *
 * <p>Final results ({@code untilWindowCloses}) with a null value are not forwarded (a session merged away), and an
 * update for a window that already closed is dropped: it can only come from an upstream node whose stream time
 * started over after a restart, and its window's final result has been emitted already.
 *
 * <p>A buffer over its bounds either emits its oldest keys early ({@link Suppressed.BufferFullStrategy#EMIT}) or
 * fails the task ({@link Suppressed.BufferFullStrategy#SHUT_DOWN}).
 */
final class KTableSuppress<K, V> extends ProcessorNode {
    private static final Logger log = LoggerFactory.getLogger(KTableSuppress.class);

    private final String storeName;
    private final boolean finalResults;
    private final long delayMs;
    private final long maxRecords;
    private final long maxBytes;
    private final Suppressed.BufferFullStrategy whenFull;
    private SuppressionBuffer<K, V> buffer;
    private long streamTime;

    private KTableSuppress(String storeName, boolean finalResults, long delayMs, Suppressed.BufferConfig<?> config) {
        this.storeName = storeName;
        this.finalResults = finalResults;
        this.delayMs = delayMs;
        this.maxRecords = config.recordLimit();
        this.maxBytes = config.byteLimit();
        this.whenFull = config.bufferFullStrategy();
    }

    /** Adds the suppress node after table node {@code parent} and returns the suppressed table. */
    static <K, V> KTable<K, V> build(InternalTopology topology, String parent, Serde<K> keySerde, Serde<V> valueSerde,
                                     Lineage lineage, Suppressed<? super K> suppressed) {
        String store = suppressed.name() != null ? suppressed.name() + "-store" : lineage.storeName("suppress");
        if (suppressed.name() == null) {
            topology.derivedName("buffer store " + store + " of suppress", "Suppressed.withName(name)");
        }
        if (keySerde == null || valueSerde == null) {
            throw new TopologyException("suppress into buffer " + store + " after " + parent + ": the table's "
                + (keySerde == null ? "key" : "value") + " serde is unknown (an operator may have changed its type); "
                + "materialize the table with serdes first");
        }
        long delay = suppressed.untilWindowCloses() ? windowCloseDelay(topology, parent) : suppressed.timeLimitMs();
        Suppressed.BufferConfig<?> config = suppressed.bufferConfig();
        StoreBuilder<SuppressionBuffer<K, V>> buffer = new SuppressionBufferBuilder<>(store, keySerde, valueSerde);
        topology.addStore(config.loggingEnabled() ? buffer.withLoggingEnabled(config.logConfig())
            : buffer.withLoggingDisabled());
        String name = topology.newName("KTABLE-SUPPRESS");
        boolean finalResults = suppressed.untilWindowCloses();
        topology.addProcessor(name, parent, () -> new KTableSuppress<K, V>(store, finalResults, delay, config),
            List.of(store));
        return new KTableImpl<>(topology, name, null, keySerde, valueSerde, lineage.with("suppress"));
    }

    /**
     * The close delay of the windowed aggregation upstream of {@code node} (the smallest, if several parents lead to
     * one), found by walking up the parents: {@code untilWindowCloses} needs to know when a window is closed.
     */
    static long windowCloseDelay(InternalTopology topology, String node) {
        Map<String, InternalTopology.NodeSpec> specs = new HashMap<>();
        topology.nodes().forEach(n -> specs.put(n.name(), n));
        long delay = search(specs, node);
        if (delay == Long.MAX_VALUE) {
            throw new TopologyException("suppress(untilWindowCloses) after " + node + ": the table is not windowed "
                + "(no windowed aggregation upstream); use untilTimeLimit for other tables");
        }
        return delay;
    }

    private static long search(Map<String, InternalTopology.NodeSpec> specs, String node) {
        InternalTopology.NodeSpec spec = specs.get(node);
        if (spec.kind() == InternalTopology.Kind.SOURCE) {
            return Long.MAX_VALUE;
        }
        // nodes are cheap to make and keep their settings from construction, as the DSL builds them
        if (spec.factory().get() instanceof WindowedAggregation windowed) {
            return windowed.windowCloseDelayMs();
        }
        long delay = Long.MAX_VALUE;
        for (String parent : spec.parents()) {
            delay = Math.min(delay, search(specs, parent));
        }
        return delay;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        buffer = context.store(storeName);
        // the buffer's saved time (its last emission) or the task's restored stream time, whichever is later
        streamTime = Math.max(buffer.streamTime(), context.streamTime());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        if (key == null) {
            log.debug("suppress {}: skipping a record with a null key at {}@{}", storeName, context().topic(),
                context().offset());
            return;
        }
        K k = (K) key;
        Change<V> change = (Change<V>) value;
        long timestamp = context().timestamp();
        streamTime = Math.max(streamTime, timestamp);
        long bufferTime = finalResults ? ((Windowed<?>) key).window().end() : timestamp;
        if (finalResults && bufferTime + delayMs <= streamTime && !buffer.contains(k)) {
            log.debug("suppress {}: dropping an update of {} whose window closed before stream time {}", storeName,
                key, streamTime);
            return;
        }
        buffer.put(bufferTime, k, change.oldValue(), change.newValue(), timestamp);
        boolean emitted = false;
        while (buffer.numRecords() > 0 && buffer.minBufferTime() + delayMs <= streamTime) {
            emit(buffer.evictOldest());
            emitted = true;
        }
        if (overCapacity()) {
            if (whenFull == Suppressed.BufferFullStrategy.SHUT_DOWN) {
                throw new StreamsException("suppress buffer " + storeName + " of " + name() + " is full: "
                    + buffer.numRecords() + " records (limit " + maxRecords + "), " + buffer.bufferSize()
                    + " bytes (limit " + maxBytes + "); raise the limits or use emitEarlyWhenFull()");
            }
            while (overCapacity()) {
                emit(buffer.evictOldest());
                emitted = true;
            }
        }
        if (emitted) {
            buffer.saveStreamTime(streamTime);
        }
    }

    private boolean overCapacity() {
        return buffer.numRecords() > maxRecords || buffer.bufferSize() > maxBytes;
    }

    private void emit(SuppressionBuffer.Evicted<K, V> e) {
        if (finalResults && e.newValue() == null) {
            return;
        }
        forward(e.key(), new Change<>(e.newValue(), e.priorValue()), e.recordTimestamp());
    }
}
