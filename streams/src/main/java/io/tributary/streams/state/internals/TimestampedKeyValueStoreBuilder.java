package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.KeyValueBytesStoreSupplier;
import java.util.Map;

/** Builds the DSL's {@link TimestampedKeyValueStore}s; their changelog is compacted. */
public final class TimestampedKeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<TimestampedKeyValueStore<K, V>> {
    private final KeyValueBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public TimestampedKeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde,
                                           Serde<V> valueSerde) {
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
    public TimestampedKeyValueStore<K, V> build() {
        return new TimestampedKeyValueStore<>(name(), supplier.get(), supplier.persistent(), keySerde, valueSerde);
    }
}
