package io.tributary.streams.kstream;

/**
 * Combines the values of two joined records into the result's value. In a left or outer join, the side without a
 * match is passed as null.
 *
 * @param <V1> this side's value type
 * @param <V2> the other side's value type
 * @param <VR> result type
 */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {
    /** The joined value of {@code value1} and {@code value2}. */
    VR apply(V1 value1, V2 value2);
}
