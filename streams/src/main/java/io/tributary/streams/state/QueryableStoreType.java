package io.tributary.streams.state;

import io.tributary.streams.state.internals.StateStoreProvider;

/**
 * A kind of store an interactive query can ask for, and how to make its read-only view over the store's instances
 * in every local task. Get one from {@link QueryableStoreTypes}.
 *
 * @param <T> the read-only view's type
 */
public interface QueryableStoreType<T> {
    /** Whether {@code store} is of this kind. */
    boolean accepts(StateStore store);

    /** The read-only view of store {@code storeName}, whose local instances {@code provider} finds at each call. */
    T create(StateStoreProvider provider, String storeName);
}
