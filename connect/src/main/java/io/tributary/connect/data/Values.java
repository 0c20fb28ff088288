package io.tributary.connect.data;

import java.util.List;
import java.util.Map;

/** Checks a Java value against a schema. */
final class Values {
    private Values() {
    }

    static void validate(String what, Schema schema, Object value) {
        if (value == null) {
            if (!schema.isOptional()) {
                throw new DataException(what + " : null (expected: a value, the schema is not optional)");
            }
            return;
        }
        if (Decimal.isDecimal(schema)) {
            if (!(value instanceof java.math.BigDecimal d)) {
                throw new DataException(what + " : " + value.getClass().getSimpleName() + " (expected: BigDecimal for "
                    + "a Decimal)");
            }
            if (d.scale() != Decimal.scale(schema)) {
                throw new DataException(what + " : " + d.toPlainString() + " has scale " + d.scale() + " (expected: "
                    + "scale " + Decimal.scale(schema) + ", the Decimal schema's)");
            }
            return;
        }
        Class<?> expected = switch (schema.type()) {
            case INT8 -> Byte.class;
            case INT16 -> Short.class;
            case INT32 -> Integer.class;
            case INT64 -> Long.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case BOOLEAN -> Boolean.class;
            case STRING -> String.class;
            case BYTES -> byte[].class;
            case ARRAY -> List.class;
            case MAP -> Map.class;
            case STRUCT -> Struct.class;
        };
        if (!expected.isInstance(value)) {
            throw new DataException(what + " : " + value.getClass().getSimpleName() + " (expected: "
                + expected.getSimpleName() + " for " + schema.type() + ")");
        }
    }
}
