package io.tributary.streams.state;

/**
 * The windows of one key, as (window start, value) pairs in start order.
 *
 * @param <V> value type
 */
public interface WindowStoreIterator<V> extends KeyValueIterator<Long, V> {
}
