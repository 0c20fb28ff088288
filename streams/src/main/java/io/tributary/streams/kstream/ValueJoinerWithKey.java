package io.tributary.streams.kstream;

/**
 * A {@link ValueJoiner} that also sees the (read-only) key of the joined records.
 *
 * @param <K>  key type
 * @param <V1> this side's value type
 * @param <V2> the other side's value type
 * @param <VR> result type
 */
@FunctionalInterface
public interface ValueJoinerWithKey<K, V1, V2, VR> {
    VR apply(K key, V1 value1, V2 value2);
}
