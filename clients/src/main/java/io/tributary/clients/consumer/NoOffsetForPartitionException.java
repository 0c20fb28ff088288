package io.tributary.clients.consumer;

import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.util.Set;

/** No committed offset exists for these partitions and {@code auto.offset.reset} is {@code none}. */
public class NoOffsetForPartitionException extends TributaryException {
    private final Set<TopicPartition> partitions;

    public NoOffsetForPartitionException(Set<TopicPartition> partitions) {
        super(Errors.OFFSET_OUT_OF_RANGE, "no committed offset for " + partitions
            + " and auto.offset.reset is none: seek first, or set auto.offset.reset to earliest or latest");
        this.partitions = Set.copyOf(partitions);
    }

    public Set<TopicPartition> partitions() {
        return partitions;
    }
}
