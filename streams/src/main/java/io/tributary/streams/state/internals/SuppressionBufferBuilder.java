package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import java.util.Map;

/** Builds the in-memory {@link SuppressionBuffer} of a {@code suppress} operator; its changelog is compacted. */
public final class SuppressionBufferBuilder<K, V> extends AbstractStoreBuilder<SuppressionBuffer<K, V>> {
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public SuppressionBufferBuilder(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        super(name);
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    Map<String, String> defaultLogConfig() {
        return Map.of("cleanup.policy", "compact");
    }

    @Override
    public SuppressionBuffer<K, V> build() {
        return new SuppressionBuffer<>(name(), new InMemoryBytesStore(), keySerde, valueSerde);
    }
}
