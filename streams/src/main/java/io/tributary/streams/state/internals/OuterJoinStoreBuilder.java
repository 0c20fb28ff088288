package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import java.util.Map;

/** Builds the in-memory {@link OuterJoinStore} of a left or outer stream-stream join; its changelog is compacted. */
public final class OuterJoinStoreBuilder<K, V1, V2> extends AbstractStoreBuilder<OuterJoinStore<K, V1, V2>> {
    private final Serde<K> keySerde;
    private final Serde<V1> leftSerde;
    private final Serde<V2> rightSerde;

    public OuterJoinStoreBuilder(String name, Serde<K> keySerde, Serde<V1> leftSerde, Serde<V2> rightSerde) {
        super(name);
        this.keySerde = keySerde;
        this.leftSerde = leftSerde;
        this.rightSerde = rightSerde;
    }

    @Override
    Map<String, String> defaultLogConfig() {
        return Map.of("cleanup.policy", "compact");
    }

    @Override
    public OuterJoinStore<K, V1, V2> build() {
        return new OuterJoinStore<>(name(), new InMemoryBytesStore(), keySerde, leftSerde, rightSerde);
    }
}
