package io.tributary.broker.group;

import io.tributary.common.TopicPartition;
import java.util.Map;

/** Where committed offsets are kept durably. Implementations must be thread-safe. */
public interface OffsetStore {
    /** Receives the stored state on load; a null offset means the entry was deleted. */
    @FunctionalInterface
    interface Loader {
        void accept(String groupId, TopicPartition partition, CommittedOffset offsetOrNull);
    }

    /**
     * Durably records offsets of one group; a null value deletes the entry.
     *
     * @throws io.tributary.common.TributaryException when the write fails (nothing may be assumed written)
     */
    void write(String groupId, Map<TopicPartition, CommittedOffset> offsets);

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
