package io.tributary.samples;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.OffsetSpec;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * How a program can tell that a streams application has processed everything written so far: its consumer group
 * (named by its {@code application.id}) has committed, for every partition it reads, the partition's end offset.
 * The streams samples use it to know when to read their results.
 */
final class ApplicationLag {
    private ApplicationLag() {
    }

    /**
     * Waits until the group {@code applicationId} has committed the end offset of every partition of
     * {@code inputTopics} and of every other topic it has committed offsets for (its repartition topics).
     *
     * @throws IllegalStateException if that takes longer than {@code timeout}
     */
    static void awaitZero(String bootstrapServers, String applicationId, Set<String> inputTopics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = TributaryAdmin.create(bootstrapServers)) {
            while (lag(admin, applicationId, inputTopics) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(applicationId + " did not catch up within " + timeout);
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    /** Records not yet committed by the group, over the input topics and the topics it has commits for. */
    private static long lag(Admin admin, String group, Set<String> inputTopics) {
        // the committed offset is the next record to process
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).join();
        Set<String> topics = new HashSet<>(inputTopics);
        committed.keySet().forEach(tp -> topics.add(tp.topic()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics).join().values()) {
            topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                OffsetSpec.latest()));
        }
        long lag = 0;
        for (var end : admin.listOffsets(latest).join().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }
}
