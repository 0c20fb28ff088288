package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.TopologyException;
import io.tributary.streams.kstream.JoinWindows;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.StreamJoined;
import io.tributary.streams.kstream.ValueJoiner;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.state.Stores;
import io.tributary.streams.state.WindowBytesStoreSupplier;
import io.tributary.streams.state.WindowStore;
import io.tributary.streams.state.internals.OuterJoinStoreBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a stream-stream join: repartitions a side whose key may have changed (so both sides are co-partitioned by
 * the join key), adds a window store per side that retains duplicates, the shared {@code OuterJoinStore} of a left or
 * outer join, one {@link KStreamKStreamJoin} node per side and a merge node, which is the result stream.
 *
 * <p>Unnamed stores are named after both sides' source topics and the kind of join:
 * {@code <left topics>-<right topics>-<join|left-join|outer-join>-<n>-this-join-store} (and {@code -other-join-store},
 * {@code -outer-shared-join-store}); the repartition topics {@code <that base>-left-repartition} and
 * {@code -right-repartition}.
 */
final class KStreamImplJoin {
    /** One input of the join: its stream and what is known about it. */
    record Side(KStreamImpl<?, ?> stream, String node, Serde<?> keySerde, Serde<?> valueSerde, Lineage lineage,
                boolean keyChanged) {
    }

    private KStreamImplJoin() {
    }

    /**
     * @param leftOuter  whether unmatched left records are emitted (left and outer joins)
     * @param rightOuter whether unmatched right records are emitted (outer joins)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K, V1, V2, VR> KStream<K, VR> join(InternalTopology topology, Side left, Side right,
                                                ValueJoiner<? super V1, ? super V2, ? extends VR> joiner,
                                                JoinWindows windows, StreamJoined<K, V1, V2> joined,
                                                boolean leftOuter, boolean rightOuter) {
        String operation = rightOuter ? "outer-join" : leftOuter ? "left-join" : "join";
        Lineage lineage = left.lineage().merge(right.lineage());
        String derived = lineage.storeName(operation);
        derived = derived.substring(0, derived.length() - "-store".length());
        String storeBase = joined.storeName() != null ? joined.storeName()
            : joined.name() != null ? joined.name() : derived;
        String repartitionBase = joined.name() != null ? joined.name() : derived;
        if (joined.storeName() == null && joined.name() == null) {
            topology.derivedName("stores " + derived + "-this/other-join-store of a stream-stream " + operation,
                "StreamJoined.as(name) or withStoreName(name)");
        }
        if (joined.name() == null && (left.keyChanged() || right.keyChanged())) {
            topology.derivedName("repartition topics " + derived + "-left/right-repartition of a stream-stream "
                + operation, "StreamJoined.as(name)");
        }

        Serde<K> keySerde = joined.keySerde() != null ? joined.keySerde()
            : (Serde<K>) (left.keySerde() != null ? left.keySerde() : right.keySerde());
        Serde<V1> leftSerde = joined.valueSerde() != null ? joined.valueSerde() : (Serde<V1>) left.valueSerde();
        Serde<V2> rightSerde = joined.otherValueSerde() != null ? joined.otherValueSerde()
            : (Serde<V2>) right.valueSerde();
        String what = operation + " of " + left.node() + " and " + right.node();
        if (keySerde == null) {
            throw new TopologyException(what + ": the key serde is unknown (an operator may have changed its type); "
                + "pass it in StreamJoined.with(keySerde, valueSerde, otherValueSerde)");
        }
        if (leftSerde == null || rightSerde == null) {
            throw new TopologyException(what + ": the " + (leftSerde == null ? "left (this)" : "right (other)")
                + " stream's value serde is unknown (an operator may have changed its type); pass it in "
                + "StreamJoined.with(keySerde, valueSerde, otherValueSerde)");
        }

        String leftNode = left.keyChanged()
            ? left.stream().throughRepartitionTopic(repartitionBase + "-left", keySerde, leftSerde) : left.node();
        String rightNode = right.keyChanged()
            ? right.stream().throughRepartitionTopic(repartitionBase + "-right", keySerde, rightSerde) : right.node();

        // partition p of both inputs must hold the same keys: checked (same partition counts) at start-up
        topology.addCopartitionGroup(List.of(leftNode, rightNode));

        String thisStore = storeBase + "-this-join-store";
        String otherStore = storeBase + "-other-join-store";
        topology.addStore(windowStore(thisStore, joined.thisStoreSupplier(), windows, joined, keySerde, leftSerde));
        topology.addStore(windowStore(otherStore, joined.otherStoreSupplier(), windows, joined, keySerde,
            rightSerde));
        List<String> stores = new ArrayList<>(List.of(thisStore, otherStore));
        String outerStore = null;
        if (leftOuter || rightOuter) {
            outerStore = storeBase + "-outer-shared-join-store";
            StoreBuilder<?> outer = new OuterJoinStoreBuilder<>(outerStore, keySerde, leftSerde, rightSerde);
            topology.addStore(joined.loggingEnabled() ? outer.withLoggingEnabled(joined.logConfig())
                : outer.withLoggingDisabled());
            stores.add(outerStore);
        }

        String shared = outerStore;
        String thisName = topology.newName(rightOuter ? "KSTREAM-OUTERTHIS" : "KSTREAM-JOINTHIS");
        topology.addProcessor(thisName, leftNode, () -> new KStreamKStreamJoin<K, V1, V2, VR>(true, leftOuter,
            thisStore, otherStore, shared, windows, joiner), stores);
        String otherName = topology.newName(leftOuter ? "KSTREAM-OUTEROTHER" : "KSTREAM-JOINOTHER");
        topology.addProcessor(otherName, rightNode, () -> new KStreamKStreamJoin<K, V1, V2, VR>(false, rightOuter,
            otherStore, thisStore, shared, windows, joiner), stores);
        String merge = topology.newName("KSTREAM-MERGE");
        topology.addProcessor(merge, List.of(thisName, otherName), KStreamPassThrough::new, List.of());
        return new KStreamImpl<>(topology, merge, keySerde, null, lineage.with(operation), false);
    }

    /**
     * A side's window store: records are put at their own timestamp as window start, duplicates retained. It keeps a
     * record while records of the other side may still join it: up to the window's reach plus the grace period after
     * the store's latest record (plus one, as a window start at exactly the retention boundary counts as expired).
     */
    private static <K, V> StoreBuilder<WindowStore<K, V>> windowStore(String name, WindowBytesStoreSupplier given,
                                                                     JoinWindows windows, StreamJoined<?, ?, ?> joined,
                                                                     Serde<K> keySerde, Serde<V> valueSerde) {
        long retention = Math.max(0, windows.beforeMs()) + Math.max(0, windows.afterMs()) + windows.gracePeriodMs()
            + 1;
        WindowBytesStoreSupplier supplier = given;
        if (supplier == null) {
            supplier = Stores.inMemoryWindowStore(name, Duration.ofMillis(retention),
                Duration.ofMillis(Math.max(1, windows.size())), true);
        } else if (!supplier.retainDuplicates() || supplier.retentionMs() < windows.size() + windows.gracePeriodMs()) {
            throw new TopologyException("join store " + supplier.name() + ": a stream-stream join needs a window store "
                + "that retains duplicates and keeps windows at least the join window size plus grace ("
                + (windows.size() + windows.gracePeriodMs()) + " ms); it has retainDuplicates="
                + supplier.retainDuplicates() + " and retention " + supplier.retentionMs() + " ms");
        }
        StoreBuilder<WindowStore<K, V>> builder = Stores.windowStoreBuilder(supplier, keySerde, valueSerde);
        return joined.loggingEnabled() ? builder.withLoggingEnabled(joined.logConfig()) : builder.withLoggingDisabled();
    }
}
