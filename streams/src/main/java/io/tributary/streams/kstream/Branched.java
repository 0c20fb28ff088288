package io.tributary.streams.kstream;

import java.util.Objects;

/**
 * The name of one branch of {@link KStream#split()}: its stream is found in the result map under the split's
 * prefix followed by this name. Without a name a branch is called by its position, counted from 1 (the default
 * branch: 0).
 *
 * @param name the branch's name, or null for its position
 * @param <K>  key type
 * @param <V>  value type
 */
public record Branched<K, V>(String name) {
    /** A branch called {@code name}. */
    public static <K, V> Branched<K, V> as(String name) {
        return new Branched<>(Objects.requireNonNull(name, "name"));
    }
}
