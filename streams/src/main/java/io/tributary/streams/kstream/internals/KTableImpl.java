package io.tributary.streams.kstream.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.Named;
import io.tributary.streams.processor.internals.InternalTopology;
import java.util.List;

/** A {@link KTable} produced by an aggregation: the aggregation node and the store that holds the table. */
final class KTableImpl<K, V> implements KTable<K, V> {
    private final InternalTopology topology;
    private final String node;
    private final String storeName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Lineage lineage;

    KTableImpl(InternalTopology topology, String node, String storeName, Serde<K> keySerde, Serde<V> valueSerde,
               Lineage lineage) {
        this.topology = topology;
        this.node = node;
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.lineage = lineage;
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream(null);
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        String name = named != null ? named.name() : topology.newName("KTABLE-TOSTREAM");
        topology.addProcessor(name, node, KTableToStream::new, List.of());
        return new KStreamImpl<>(topology, name, keySerde, valueSerde, lineage);
    }

    @Override
    public String queryableStoreName() {
        return storeName;
    }
}
