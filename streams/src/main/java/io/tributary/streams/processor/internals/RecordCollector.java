package io.tributary.streams.processor.internals;

import io.tributary.record.Header;
import java.util.List;

/** Where a task's output and changelog records go: the producer at run time, in-memory topics in the test driver. */
public interface RecordCollector {
    /** Sends a record; {@code partition} null lets the partitioner choose by key; a negative timestamp means none. */
    void send(String topic, Integer partition, long timestamp, List<Header> headers, byte[] key, byte[] value);

    /** Waits until every record sent so far is acknowledged; throws if any send failed. */
    void flush();
}
