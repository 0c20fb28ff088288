package io.tributary.streams.processor.internals;

import io.tributary.common.TopicPartition;
import io.tributary.record.Header;
import java.util.List;

/** Where a task's output and changelog records go: the producer at run time, in-memory topics in the test driver. */
public interface RecordCollector {
    /** Sends a record; {@code partition} null lets the partitioner choose by key; a negative timestamp means none. */
    void send(String topic, Integer partition, long timestamp, List<Header> headers, byte[] key, byte[] value);

    /** Waits until every record sent so far is acknowledged; throws if any send failed. */
    void flush();

    /** Tells the collector which task sends next (for the context given to the production exception handler). */
    default void setOrigin(ProcessorContextImpl context) {
    }

    /** The offset of the last acknowledged record sent to changelog partition {@code tp}, or null if unknown. */
    default Long changelogOffset(TopicPartition tp) {
        return null;
    }
}
