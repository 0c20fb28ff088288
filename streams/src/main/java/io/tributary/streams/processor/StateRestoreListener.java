package io.tributary.streams.processor;

import io.tributary.common.TopicPartition;

/**
 * Told about store restoration (Kafka Streams' interface of the same name): a task replays a store's changelog
 * partition before it processes records. Set it with {@code TributaryStreams.setGlobalStateRestoreListener}. Called
 * on the stream thread doing the restore; keep it short.
 */
public interface StateRestoreListener {
    /**
     * A restore begins.
     *
     * @param startingOffset the first changelog offset to replay (after the checkpoint for a persistent store that
     *                       has a valid one, else the beginning)
     * @param endingOffset   the changelog's end offset (exclusive)
     */
    default void onRestoreStart(TopicPartition changelog, String storeName, long startingOffset, long endingOffset) {
    }

    /** A batch of {@code numRestored} records up to offset {@code batchEndOffset} was written into the store. */
    default void onBatchRestored(TopicPartition changelog, String storeName, long batchEndOffset, long numRestored) {
    }

    /** The store is restored, with {@code totalRestored} records replayed. */
    default void onRestoreEnd(TopicPartition changelog, String storeName, long totalRestored) {
    }
}
