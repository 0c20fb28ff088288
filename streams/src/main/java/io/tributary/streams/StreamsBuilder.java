package io.tributary.streams;

import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.KTable;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.internals.KStreamImpl;
import io.tributary.streams.kstream.internals.KTableImpl;
import io.tributary.streams.kstream.internals.Lineage;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.SourceNode;
import io.tributary.streams.state.StoreBuilder;
import java.util.List;
import java.util.Objects;

/**
 * Starts a stream-processing topology: read topics as {@link KStream}s, chain operators, then {@link #build()} the
 * {@link Topology} to run with {@link TributaryStreams}.
 *
 * <pre>{@code
 * StreamsBuilder builder = new StreamsBuilder();
 * builder.stream("lines", Consumed.with(Serdes.string(), Serdes.string()))
 *        .filter((k, v) -> !v.isBlank())
 *        .to("out", Produced.with(Serdes.string(), Serdes.string()));
 * Topology topology = builder.build();
 * }</pre>
 *
 * <p>Not thread-safe. Each topic may be read by one {@code stream} call; share the returned stream instead.
 */
public final class StreamsBuilder {
    private final InternalTopology topology = new InternalTopology();
    private boolean built;

    /** A stream of the records of {@code topic}, read with {@code consumed}'s serdes. */
    public <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
        return stream(List.of(topic), consumed);
    }

    /** One stream of the records of all {@code topics}, read with {@code consumed}'s serdes. */
    public <K, V> KStream<K, V> stream(List<String> topics, Consumed<K, V> consumed) {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(consumed, "consumed");
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("topics : [] (expected: at least one topic)");
        }
        if (built) {
            throw new IllegalStateException("build() was already called; use a new StreamsBuilder");
        }
        String name = topology.newName("KSTREAM-SOURCE");
        var keyDeserializer = consumed.keySerde().deserializer();
        var valueDeserializer = consumed.valueSerde().deserializer();
        topology.addSource(name, topics, () -> new SourceNode(keyDeserializer, valueDeserializer));
        return new KStreamImpl<>(topology, name, consumed.keySerde(), consumed.valueSerde(), Lineage.of(topics));
    }

    /**
     * Adds a state store for processors of the low-level API to use ({@link KStream#process} with its name).
     *
     * @throws TopologyException if a store of that name exists
     */
    public StreamsBuilder addStateStore(StoreBuilder<?> builder) {
        Objects.requireNonNull(builder, "builder");
        if (built) {
            throw new IllegalStateException("build() was already called; use a new StreamsBuilder");
        }
        topology.addStore(builder);
        return this;
    }

    /** The topology built so far; the builder cannot be extended afterwards. */
    public Topology build() {
        if (topology.sourceTopics().isEmpty()) {
            throw new TopologyException("the topology reads no topic; call stream(...) first");
        }
        built = true;
        return new Topology(topology);
    }

    /**
     * The table of the latest value per key of {@code topic}, read with {@code consumed}'s serdes, in a store with a
     * derived name ({@code <topic>-table-1-store}, changelog {@code <application.id>-<store>-changelog}). A record
     * with a null value deletes its key (forwarded as a tombstone); records with a null key are skipped.
     */
    public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
        return table(topic, consumed, Materialized.with(null, null));
    }

    /**
     * As {@link #table(String, Consumed)}, kept in the store {@code materialized} describes (its name, serdes,
     * logging; serdes default to {@code consumed}'s).
     *
     * <pre>{@code KTable<String, String> users = builder.table("users", Consumed.with(Serdes.string(), Serdes.string()),
     *     Materialized.as("users-store"));}</pre>
     */
    public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed, Materialized<K, V> materialized) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(consumed, "consumed");
        Objects.requireNonNull(materialized, "materialized");
        if (built) {
            throw new IllegalStateException("build() was already called; use a new StreamsBuilder");
        }
        return KTableImpl.source(topology, topic, consumed, materialized);
    }
}
