package io.tributary.streams.state.internals;

import io.tributary.streams.state.BytesStore;
import io.tributary.streams.state.StateStore;

/** The runtime's side of the stores {@link io.tributary.streams.state.Stores} builds. */
public interface InternalStore extends StateStore {
    /** Opens the store for its task; {@code changelogTopic} is null when logging is disabled. */
    void init(StoreContext context, String changelogTopic);

    /** The storage under the store: restoration writes changelog records here unchanged. */
    BytesStore bytes();

    /** Called after a restore (or on start without one) with the bytes store filled. */
    default void restored() {
    }

    /** Flushes and closes the storage. */
    void close();

    /**
     * Puts one changelog record back while restoring: by default its key and value go into {@link #bytes()}
     * unchanged; a store whose changelog differs from its bytes (the timestamped store) overrides this.
     */
    default void restore(byte[] key, byte[] value, long timestamp) {
        bytes().put(key, value);
    }
}
