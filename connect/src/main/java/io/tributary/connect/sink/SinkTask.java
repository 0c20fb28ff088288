package io.tributary.connect.sink;

import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.TopicPartition;
import io.tributary.connect.connector.Task;
import java.util.Collection;
import java.util.Map;

/**
 * Writes records from topics to an external system. The runtime calls {@link #initialize}, {@link #start}, then
 * {@link #put} with each batch it read, and periodically {@link #flush}: only when flush returns does the runtime
 * commit the consumer offsets it was given, so a record is never marked done before it is durably written.
 * All calls but {@link #stop} come from the task's thread.
 */
public abstract class SinkTask implements Task {
    /** The key listing the topics a sink reads; required. */
    public static final String TOPICS_CONFIG = "topics";

    protected SinkTaskContext context;

    /** Called once before {@link #start}. */
    public void initialize(SinkTaskContext context) {
        this.context = context;
    }

    /**
     * Writes (or buffers) {@code records}. Throwing a {@link io.tributary.connect.errors.RetriableException} hands the
     * same batch to {@code put} again later (after {@link SinkTaskContext#timeout}); any other exception fails the task.
     * A single record that cannot be written goes to {@link SinkTaskContext#errantRecordReporter()} instead.
     */
    public abstract void put(Collection<SinkRecord> records);

    /**
     * Makes everything {@link #put} so far durable. {@code currentOffsets} are the offsets the runtime will commit
     * when this returns (the next offset to read, per partition). Throwing skips the commit.
     */
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    }

    /** Partitions newly assigned to the task. */
    public void open(Collection<TopicPartition> partitions) {
    }

    /** Partitions taken away, after their last flush and commit. */
    public void close(Collection<TopicPartition> partitions) {
    }
}
