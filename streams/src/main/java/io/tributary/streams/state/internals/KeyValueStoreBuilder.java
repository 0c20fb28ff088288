package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.KeyValueBytesStoreSupplier;
import io.tributary.streams.state.KeyValueStore;
import java.util.Map;

/** Builds {@link TypedKeyValueStore}s; their changelog is compacted. */
public final class KeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<KeyValueStore<K, V>> {
    private final KeyValueBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public KeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(supplier.name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    Map<String, String> defaultLogConfig() {
        return Map.of("cleanup.policy", "compact");
    }

    @Override
    public KeyValueStore<K, V> build() {
        return new TypedKeyValueStore<>(name(), supplier.get(), supplier.persistent(), keySerde, valueSerde);
    }
}
