package io.tributary.connect.sink;

import io.tributary.common.TopicPartition;
import java.util.Map;
import java.util.Set;

/** What the runtime offers a {@link SinkTask}. */
public interface SinkTaskContext {
    /** The task's configuration. */
    Map<String, String> configs();

    /** The partitions currently assigned to the task. */
    Set<TopicPartition> assignment();

    /** Asks the runtime to flush and commit offsets soon, rather than at the next interval. */
    void requestCommit();

    /**
     * Where to report single records the task cannot write (see {@link ErrantRecordReporter}). Never null in
     * Tributary's runtime; a task meant to run on Kafka Connect too should still check for null (older workers).
     */
    default ErrantRecordReporter errantRecordReporter() {
        return null;
    }

    /**
     * How long to wait before the batch whose {@code put} threw a {@link io.tributary.connect.errors.RetriableException}
     * is handed to the task again, in ms (default: at the next poll, about 200 ms later).
     */
    default void timeout(long timeoutMs) {
    }
}
