package io.tributary.streams.kstream;

/**
 * Computes a new value from a record's value alone (the key is kept).
 *
 * @param <V>  value type
 * @param <VR> result type
 */
@FunctionalInterface
public interface ValueMapper<V, VR> {
    VR apply(V value);
}
