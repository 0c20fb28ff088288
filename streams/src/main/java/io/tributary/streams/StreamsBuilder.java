package io.tributary.streams;

import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.internals.KStreamImpl;
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
}
