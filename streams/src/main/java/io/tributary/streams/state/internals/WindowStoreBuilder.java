package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.WindowBytesStoreSupplier;
import io.tributary.streams.state.WindowStore;
import java.util.Map;

/**
 * Builds {@link TypedWindowStore}s. Their changelog is compacted and also deletes records older than the retention
 * period plus a day (as Kafka Streams' {@code windowstore.changelog.additional.retention.ms} default), so old windows
 * leave the topic.
 */
public final class WindowStoreBuilder<K, V> extends AbstractStoreBuilder<WindowStore<K, V>> {
    static final long ADDITIONAL_RETENTION_MS = 24 * 60 * 60 * 1000L;

    private final WindowBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    private final boolean timestamped;

    public WindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        this(supplier, keySerde, valueSerde, false);
    }

    /** A builder of window stores that keep each value's timestamp when {@code timestamped} (DSL aggregations). */
    public WindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
                              boolean timestamped) {
        super(supplier.name());
        this.timestamped = timestamped;
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    Map<String, String> defaultLogConfig() {
        long retention = supplier.retentionMs() + ADDITIONAL_RETENTION_MS;
        return Map.of("cleanup.policy", "compact,delete",
            "retention.ms", Long.toString(retention < 0 ? Long.MAX_VALUE : retention));
    }

    @Override
    public WindowStore<K, V> build() {
        return new TypedWindowStore<>(supplier, keySerde, valueSerde, timestamped);
    }
}
