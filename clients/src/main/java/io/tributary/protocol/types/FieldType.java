package io.tributary.protocol.types;

/**
 * The type of one message field: a primitive, an array of some type, or a nested struct.
 *
 * <p>Java value types held in a {@link Struct}: BOOL Boolean, INT8 Byte, INT16 Short, UINT16 Integer,
 * INT32 Integer, UINT32 Long, INT64 Long, FLOAT64 Double, STRING String, BYTES byte[], RECORDS
 * java.nio.ByteBuffer (a view into the input, not a copy), UUID {@link io.tributary.common.Uuid}, arrays
 * java.util.List, structs {@link Struct}.
 */
public sealed interface FieldType permits FieldType.Primitive, FieldType.ArrayOf, FieldType.StructOf {

    /** Types with a fixed or self-describing encoding. */
    enum Primitive implements FieldType {
        BOOL, INT8, INT16, UINT16, INT32, UINT32, INT64, FLOAT64, STRING, BYTES, RECORDS, UUID;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An array of {@code element}: int32 count (classic) or unsigned varint count + 1 (compact). */
    record ArrayOf(FieldType element) implements FieldType {
        @Override
        public String toString() {
            return "[]" + element;
        }
    }

    /** A nested struct that is not inside an array. */
    record StructOf(StructSchema schema) implements FieldType {
        @Override
        public String toString() {
            return schema.name();
        }
    }

    /** Whether a value of this type may be null in the versions its field says. */
    default boolean canBeNullable() {
        return this == Primitive.STRING || this == Primitive.BYTES || this == Primitive.RECORDS
            || this instanceof ArrayOf || this instanceof StructOf;
    }
}
