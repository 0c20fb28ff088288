package io.tributary.clients.admin;

import io.tributary.clients.PartitionInfo;
import io.tributary.common.Uuid;
import java.util.List;

/**
 * A topic as the cluster metadata describes it.
 *
 * @param name       the topic name
 * @param topicId    its id ({@link Uuid#ZERO} from brokers too old to say)
 * @param internal   whether it is an internal topic such as {@code __consumer_offsets}
 * @param partitions its partitions in order, each with leader, replicas and in-sync replicas
 */
public record TopicDescription(String name, Uuid topicId, boolean internal, List<PartitionInfo> partitions) {
    public TopicDescription {
        partitions = List.copyOf(partitions);
    }
}
