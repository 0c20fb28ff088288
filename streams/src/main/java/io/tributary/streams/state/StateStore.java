package io.tributary.streams.state;

/**
 * State kept by the processors of one task: a key-value, window or session store. The runtime creates each store
 * from its {@link StoreBuilder} per task, restores it from its changelog topic before the task starts, and closes it
 * when the task goes away. Only the task's stream thread writes to a store.
 */
public interface StateStore {
    /** The store's name, unique in the topology; it also names the changelog topic. */
    String name();

    /** True if the store keeps its data on disk (it survives a restart without a full restore). */
    boolean persistent();
}
