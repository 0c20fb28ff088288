package io.tributary.streams.state.internals;

import io.tributary.streams.state.QueryableStoreType;
import java.util.List;

/** Finds the local instances of a store (one per running task) for an interactive query. */
public interface StateStoreProvider {
    /**
     * The instances of store {@code storeName} in the running tasks of this application instance, in task order,
     * cast to {@code type}'s view.
     *
     * @throws io.tributary.streams.errors.InvalidStateStoreException if the instance is not RUNNING (starting,
     *     rebalancing, shutting down), the store is unknown, or not of that type
     */
    <T> List<T> stores(String storeName, QueryableStoreType<T> type);
}
