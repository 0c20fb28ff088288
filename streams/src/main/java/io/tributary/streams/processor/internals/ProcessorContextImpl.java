package io.tributary.streams.processor.internals;

import io.tributary.streams.state.KeyValueStore;
import java.util.HashMap;
import java.util.Map;

/**
 * What the nodes of one task see: the task's partition, the record being processed (its topic, offset and
 * timestamp, which output records inherit), the task's stores and the record collector.
 */
public final class ProcessorContextImpl {
    private final int partition;
    private final String applicationId;
    private final RecordCollector collector;
    private final Map<String, KeyValueStore<?, ?>> stores = new HashMap<>();
    private String topic;
    private long offset = -1;
    private long timestamp;

    ProcessorContextImpl(String applicationId, int partition, RecordCollector collector) {
        this.applicationId = applicationId;
        this.partition = partition;
        this.collector = collector;
    }

    /** The task's partition number (its id). */
    public int partition() {
        return partition;
    }

    public String applicationId() {
        return applicationId;
    }

    public RecordCollector collector() {
        return collector;
    }

    /** The topic of the record being processed. */
    public String topic() {
        return topic;
    }

    /** The offset of the record being processed. */
    public long offset() {
        return offset;
    }

    /** The timestamp of the record being processed; records sent while processing it carry it. */
    public long timestamp() {
        return timestamp;
    }

    void setRecord(String topic, long offset, long timestamp) {
        this.topic = topic;
        this.offset = offset;
        this.timestamp = timestamp;
    }

    void register(KeyValueStore<?, ?> store) {
        stores.put(store.name(), store);
    }

    /** The task's store called {@code name}. */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> store(String name) {
        KeyValueStore<?, ?> store = stores.get(name);
        if (store == null) {
            throw new IllegalStateException("no state store " + name + " in task " + partition
                + " (stores: " + stores.keySet() + ")");
        }
        return (KeyValueStore<K, V>) store;
    }
}
