package io.tributary.streams.kstream;

import java.util.Objects;

/**
 * The name of an operator's processor node, instead of a generated {@code KSTREAM-FILTER-0000000003}-style one.
 * Names show in {@link io.tributary.streams.Topology#describe()} and must be unique in a topology. State stores and
 * internal topics are named with {@link Materialized#as}, {@link Grouped#as} and {@link Repartitioned#as}.
 *
 * <pre>{@code stream.filter((k, v) -> v != null, Named.as("drop-nulls"))}</pre>
 *
 * @param name the node name: letters, digits, '.', '_' and '-'
 */
public record Named(String name) {
    public Named {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-zA-Z0-9._-]+") || name.length() > 249) {
            throw new IllegalArgumentException("name : " + name
                + " (expected: 1 to 249 letters, digits, '.', '_' or '-')");
        }
    }

    /** The name {@code name}. */
    public static Named as(String name) {
        return new Named(name);
    }
}
