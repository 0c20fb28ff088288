package io.tributary.connect.data;

import java.util.Objects;

/**
 * One field of a struct {@link Schema}: its name, position and schema.
 *
 * @param name   the field's name
 * @param index  its position in the struct
 * @param schema its schema
 */
public record Field(String name, int index, Schema schema) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
    }
}
