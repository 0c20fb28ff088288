package io.tributary.connect.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of a record's key or value, as in Kafka Connect: a type, whether null is allowed, an optional name,
 * version and string parameters (a logical type such as {@link Decimal} is a name and parameters on a primitive
 * type), and for structs their fields, for arrays their items, for maps their keys and values. Immutable; build
 * compound schemas with {@link SchemaBuilder}.
 *
 * <p>Java types of values: INT8 {@code Byte}, INT16 {@code Short}, INT32 {@code Integer}, INT64 {@code Long},
 * FLOAT32 {@code Float}, FLOAT64 {@code Double}, BOOLEAN {@code Boolean}, STRING {@code String}, BYTES
 * {@code byte[]} ({@link java.math.BigDecimal} for {@link Decimal}), ARRAY {@code List}, MAP {@code Map}, STRUCT
 * {@link Struct}. The logical types Date, Time and Timestamp keep their primitive values here (days since the
 * epoch as {@code Integer}, milliseconds since midnight as {@code Integer}, epoch milliseconds as {@code Long}).
 */
public final class Schema {
    /** The types a schema can have; {@link #jsonName()} is the name used in JSON schema envelopes. */
    public enum Type {
        INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES, ARRAY, MAP, STRUCT;

        /** Lower-case name, as written in the JSON envelope ({@code "int32"}, {@code "struct"}). */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether the type holds other values. */
        public boolean isPrimitive() {
            return this != ARRAY && this != MAP && this != STRUCT;
        }
    }

    public static final Schema INT8_SCHEMA = new Schema(Type.INT8, false, null, null, null, null);
    public static final Schema INT16_SCHEMA = new Schema(Type.INT16, false, null, null, null, null);
    public static final Schema INT32_SCHEMA = new Schema(Type.INT32, false, null, null, null, null);
    public static final Schema INT64_SCHEMA = new Schema(Type.INT64, false, null, null, null, null);
    public static final Schema FLOAT32_SCHEMA = new Schema(Type.FLOAT32, false, null, null, null, null);
    public static final Schema FLOAT64_SCHEMA = new Schema(Type.FLOAT64, false, null, null, null, null);
    public static final Schema BOOLEAN_SCHEMA = new Schema(Type.BOOLEAN, false, null, null, null, null);
    public static final Schema STRING_SCHEMA = new Schema(Type.STRING, false, null, null, null, null);
    public static final Schema BYTES_SCHEMA = new Schema(Type.BYTES, false, null, null, null, null);
    public static final Schema OPTIONAL_INT8_SCHEMA = new Schema(Type.INT8, true, null, null, null, null);
    public static final Schema OPTIONAL_INT16_SCHEMA = new Schema(Type.INT16, true, null, null, null, null);
    public static final Schema OPTIONAL_INT32_SCHEMA = new Schema(Type.INT32, true, null, null, null, null);
    public static final Schema OPTIONAL_INT64_SCHEMA = new Schema(Type.INT64, true, null, null, null, null);
    public static final Schema OPTIONAL_FLOAT32_SCHEMA = new Schema(Type.FLOAT32, true, null, null, null, null);
    public static final Schema OPTIONAL_FLOAT64_SCHEMA = new Schema(Type.FLOAT64, true, null, null, null, null);
    public static final Schema OPTIONAL_BOOLEAN_SCHEMA = new Schema(Type.BOOLEAN, true, null, null, null, null);
    public static final Schema OPTIONAL_STRING_SCHEMA = new Schema(Type.STRING, true, null, null, null, null);
    public static final Schema OPTIONAL_BYTES_SCHEMA = new Schema(Type.BYTES, true, null, null, null, null);

    private final Type type;
    private final boolean optional;
    private final String name;
    private final List<Field> fields;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final Integer version;
    private final Map<String, String> parameters;

    Schema(Type type, boolean optional, String name, List<Field> fields, Schema keySchema, Schema valueSchema) {
        this(type, optional, name, fields, keySchema, valueSchema, null, null);
    }

    Schema(Type type, boolean optional, String name, List<Field> fields, Schema keySchema, Schema valueSchema,
           Integer version, Map<String, String> parameters) {
        this.type = Objects.requireNonNull(type, "type");
        this.optional = optional;
        this.name = name;
        this.fields = fields == null ? null : List.copyOf(fields);
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        this.version = version;
        this.parameters = parameters == null || parameters.isEmpty() ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public Type type() {
        return type;
    }

    public boolean isOptional() {
        return optional;
    }

    /** The schema's name, or null. */
    public String name() {
        return name;
    }

    /** The schema's version, or null. */
    public Integer version() {
        return version;
    }

    /** The schema's parameters in insertion order (a {@link Decimal}'s {@code scale}), or null when it has none. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** A struct's fields in order.
     *
     * @throws DataException when this is not a struct schema
     */
    public List<Field> fields() {
        if (type != Type.STRUCT) {
            throw new DataException("fields() : " + type + " (expected: a struct schema)");
        }
        return fields;
    }

    /** A struct's field by name, or null. */
    public Field field(String fieldName) {
        for (Field f : fields()) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }

    /** A map's key schema; null for other types. */
    public Schema keySchema() {
        return keySchema;
    }

    /** A map's value schema or an array's item schema; null for other types. */
    public Schema valueSchema() {
        return valueSchema;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && type == s.type && optional == s.optional && Objects.equals(name, s.name)
            && Objects.equals(fields, s.fields) && Objects.equals(keySchema, s.keySchema)
            && Objects.equals(valueSchema, s.valueSchema) && Objects.equals(version, s.version)
            && Objects.equals(parameters, s.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, optional, name, fields, keySchema, valueSchema, version, parameters);
    }

    @Override
    public String toString() {
        return "Schema{" + (name == null ? "" : name + ":") + type + (parameters == null ? "" : parameters)
            + (optional ? ",optional" : "") + "}";
    }
}
