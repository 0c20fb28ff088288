package io.tributary.broker.group;

import io.tributary.common.TopicPartition;
import java.util.Map;

/** Where committed offsets are kept durably. Implementations must be thread-safe. */
public interface OffsetStore {
    /** Receives the stored state on load; a null offset means the entry was deleted. */
    @FunctionalInterface
    interface Loader {
        void accept(String groupId, TopicPartition partition, CommittedOffset offsetOrNull);

        /** Receives a stored group state; null means the group was deleted. Ignored unless overridden. */
        default void acceptGroup(String groupId, GroupSnapshot groupOrNull) {
        }
    }

    /**
     * Durably records offsets of one group; a null value deletes the entry.
     *
     * @throws io.tributary.common.TributaryException when the write fails (nothing may be assumed written)
     */
    void write(String groupId, Map<TopicPartition, CommittedOffset> offsets);

    /**
     * Durably records the state of a group; null deletes it. Stores that keep no group state ignore it.
     *
     * @throws io.tributary.common.TributaryException when the write fails
     */
    default void writeGroup(String groupId, GroupSnapshot groupOrNull) {
    }

    /** Replays everything stored, oldest first. */
    void load(Loader loader);

    /** Keeps nothing (for unit tests of the state machine). */
    OffsetStore NONE = new OffsetStore() {
        @Override
        public void write(String groupId, Map<TopicPartition, CommittedOffset> offsets) {
        }

        @Override
        public void load(Loader loader) {
        }
    };
}
