package io.tributary.streams.kstream.internals;

import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.TimestampedKeyValueStore;
import io.tributary.streams.state.internals.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code StreamsBuilder.table}: puts each record into the table's store (a null value deletes the key) and forwards
 * {@code Change(new, old)}, the old value only when the table sends old values. Records with a null key are skipped.
 * A deletion of an absent key is still forwarded (a tombstone), as Kafka Streams does.
 */
final class KTableSource<K, V> extends ProcessorNode {
    private static final Logger log = LoggerFactory.getLogger(KTableSource.class);

    private final String storeName;
    private final SendOldValues sendOldValues;
    private TimestampedKeyValueStore<K, V> store;
    private boolean sendOld;

    KTableSource(String storeName, SendOldValues sendOldValues) {
        this.storeName = storeName;
        this.sendOldValues = sendOldValues;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        store = context.store(storeName);
        sendOld = sendOldValues.enabled();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        if (key == null) {
            log.warn("table {}: skipping a record with a null key at {}-{}@{}", storeName, context().topic(),
                context().recordPartition(), context().offset());
            return;
        }
        K k = (K) key;
        V old = ValueAndTimestamp.valueOrNull(store.getWithTimestamp(k));
        store.put(k, (V) value, context().timestamp());
        forward(k, new Change<>(value, sendOld ? old : null));
    }
}
