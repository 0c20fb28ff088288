package io.tributary.streams.state.internals;

import io.tributary.clients.serialization.Serde;
import io.tributary.streams.state.SessionBytesStoreSupplier;
import io.tributary.streams.state.SessionStore;
import java.util.Map;

/**
 * Builds {@link TypedSessionStore}s. Their changelog is compacted and also deletes records older than the retention
 * period plus a day, like the window stores' (see {@link WindowStoreBuilder}).
 */
public final class SessionStoreBuilder<K, V> extends AbstractStoreBuilder<SessionStore<K, V>> {
    private final SessionBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public SessionStoreBuilder(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(supplier.name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    Map<String, String> defaultLogConfig() {
        long retention = supplier.retentionMs() + WindowStoreBuilder.ADDITIONAL_RETENTION_MS;
        return Map.of("cleanup.policy", "compact,delete",
            "retention.ms", Long.toString(retention < 0 ? Long.MAX_VALUE : retention));
    }

    @Override
    public SessionStore<K, V> build() {
        return new TypedSessionStore<>(supplier, keySerde, valueSerde);
    }
}
