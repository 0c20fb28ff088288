package io.tributary.clients.consumer;

import io.tributary.clients.PartitionInfo;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads records from partitions it is assigned, by a consumer group ({@link #subscribe}) or by hand
 * ({@link #assign}). Not thread-safe: one thread polls; only {@link #wakeup()} may be called from another.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Consumer<K, V> extends AutoCloseable {
    /** Joins the group ({@code group.id}) for these topics; the listener hears of partitions moving. */
    void subscribe(Collection<String> topics, ConsumerRebalanceListener listener);

    void subscribe(Collection<String> topics);

    /** Joins the group for every topic whose name matches {@code pattern}, now and as topics appear. */
    void subscribe(Pattern pattern, ConsumerRebalanceListener listener);

    /** Leaves the group subscription (or drops the manual assignment). */
    void unsubscribe();

    /** Reads exactly these partitions, without a group rebalance. */
    void assign(Collection<TopicPartition> partitions);

    Set<TopicPartition> assignment();

    Set<String> subscription();

    /**
     * Returns records fetched since the last call (fetching ahead in the background), waiting up to
     * {@code timeout} when none are ready. Takes part in the group (joins, rebalances, commits automatically).
     */
    ConsumerRecords<K, V> poll(Duration timeout);

    /** Commits the positions of every assigned partition and waits for the broker's answer. */
    void commitSync();

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    /** Commits the positions of every assigned partition without waiting; the callback hears the outcome. */
    void commitAsync(OffsetCommitCallback callback);

    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback);

    /** The group's committed offsets of these partitions (null for none). */
    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions);

    void seek(TopicPartition partition, long offset);

    void seekToBeginning(Collection<TopicPartition> partitions);

    void seekToEnd(Collection<TopicPartition> partitions);

    /** The offset of the next record to return from {@code partition} (resolving it if needed). */
    long position(TopicPartition partition);

    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps);

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    java.util.List<PartitionInfo> partitionsFor(String topic);

    /** Stops returning records from these partitions until resumed (the assignment is kept). */
    void pause(Collection<TopicPartition> partitions);

    void resume(Collection<TopicPartition> partitions);

    Set<TopicPartition> paused();

    /** Makes a blocked (or the next) call throw {@link WakeupException}; safe from any thread. */
    void wakeup();

    @Override
    void close();

    /** Commits (with auto-commit), leaves the group and closes, waiting at most {@code timeout}. */
    void close(Duration timeout);

    /** Told the outcome of an asynchronous commit. */
    @FunctionalInterface
    interface OffsetCommitCallback {
        void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, Exception exception);
    }
}
