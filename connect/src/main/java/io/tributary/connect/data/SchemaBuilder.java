package io.tributary.connect.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link Schema}. Not thread-safe.
 *
 * <pre>{@code
 * Schema user = SchemaBuilder.struct().name("User")
 *     .field("id", Schema.INT64_SCHEMA)
 *     .field("email", Schema.OPTIONAL_STRING_SCHEMA)
 *     .build();
 * }</pre>
 */
public final class SchemaBuilder {
    private final Schema.Type type;
    private boolean optional;
    private String name;
    private final List<Field> fields;
    private final Schema keySchema;
    private final Schema valueSchema;
    private Integer version;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private SchemaBuilder(Schema.Type type, Schema keySchema, Schema valueSchema) {
        this.type = type;
        this.fields = type == Schema.Type.STRUCT ? new ArrayList<>() : null;
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
    }

    /** A builder for a primitive type. */
    public static SchemaBuilder type(Schema.Type type) {
        if (!type.isPrimitive()) {
            throw new DataException("type : " + type + " (expected: a primitive type; use struct(), array(), map())");
        }
        return new SchemaBuilder(type, null, null);
    }

    public static SchemaBuilder struct() {
        return new SchemaBuilder(Schema.Type.STRUCT, null, null);
    }

    public static SchemaBuilder array(Schema items) {
        return new SchemaBuilder(Schema.Type.ARRAY, null, Objects.requireNonNull(items, "items"));
    }

    public static SchemaBuilder map(Schema keys, Schema values) {
        return new SchemaBuilder(Schema.Type.MAP, Objects.requireNonNull(keys, "keys"),
            Objects.requireNonNull(values, "values"));
    }

    public SchemaBuilder optional() {
        this.optional = true;
        return this;
    }

    public SchemaBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** The schema's version (Kafka Connect's logical types are version 1). */
    public SchemaBuilder version(int version) {
        this.version = version;
        return this;
    }

    /** Sets a parameter, e.g. a {@link Decimal}'s {@code scale}. */
    public SchemaBuilder parameter(String key, String value) {
        parameters.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Sets every parameter of {@code params}. */
    public SchemaBuilder parameters(Map<String, String> params) {
        params.forEach(this::parameter);
        return this;
    }

    /** Adds a struct field; names must be unique. */
    public SchemaBuilder field(String fieldName, Schema schema) {
        if (fields == null) {
            throw new DataException("field " + fieldName + " : " + type + " (expected: a struct schema)");
        }
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                throw new DataException("field " + fieldName + " : defined twice (expected: unique names)");
            }
        }
        fields.add(new Field(fieldName, fields.size(), schema));
        return this;
    }

    public Schema build() {
        return new Schema(type, optional, name, fields, keySchema, valueSchema, version, parameters);
    }
}
