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
}
