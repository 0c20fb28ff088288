package io.tributary.streams.kstream;

/**
 * Combines the aggregate so far with a new value of the same type, for {@link KGroupedStream#reduce}.
 *
 * @param <V> value type
 */
@FunctionalInterface
public interface Reducer<V> {
    V apply(V aggregate, V value);
}
