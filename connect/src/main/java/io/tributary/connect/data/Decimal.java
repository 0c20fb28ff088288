package io.tributary.connect.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Kafka Connect's {@code Decimal} logical type: an exact decimal of a fixed scale. The schema is {@code BYTES} named
 * {@value #LOGICAL_NAME} (version 1) with a {@code scale} parameter; values are {@link BigDecimal}s of exactly that
 * scale, stored as the big-endian two's-complement bytes of the unscaled value ({@link #fromLogical}), which is what
 * {@code JsonConverter} base64-encodes.
 *
 * <pre>{@code
 * Schema price = Decimal.schema(2);                            // BYTES, name ...Decimal, parameters {scale=2}
 * byte[] raw = Decimal.fromLogical(price, new BigDecimal("12.50"));   // unscaled 1250: {0x04, 0xE2}
 * BigDecimal back = Decimal.toLogical(price, raw);              // 12.50
 * }</pre>
 */
public final class Decimal {
    /** The schema name of the logical type, Kafka's. */
    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Decimal";
    /** The parameter holding the scale (decimal digits after the point), as text. */
    public static final String SCALE_FIELD = "scale";

    private Decimal() {
    }

    /** A builder for a Decimal schema of {@code scale}; add {@code optional()} or more parameters before building. */
    public static SchemaBuilder builder(int scale) {
        return SchemaBuilder.type(Schema.Type.BYTES).name(LOGICAL_NAME).version(1)
            .parameter(SCALE_FIELD, Integer.toString(scale));
    }

    /** A required Decimal schema of {@code scale}. */
    public static Schema schema(int scale) {
        return builder(scale).build();
    }

    /** Whether {@code schema} is a Decimal schema. */
    public static boolean isDecimal(Schema schema) {
        return schema != null && LOGICAL_NAME.equals(schema.name()) && schema.type() == Schema.Type.BYTES;
    }

    /**
     * The scale of a Decimal schema.
     *
     * @throws DataException when the schema has no integer {@code scale} parameter
     */
    public static int scale(Schema schema) {
        Map<String, String> params = schema.parameters();
        String scale = params == null ? null : params.get(SCALE_FIELD);
        if (scale == null) {
            throw new DataException("Decimal schema " + schema + " : no scale parameter (expected: parameters "
                + "{\"scale\": \"<digits after the point>\"})");
        }
        try {
            return Integer.parseInt(scale.trim());
        } catch (NumberFormatException e) {
            throw new DataException("Decimal scale : " + scale + " (expected: an integer)", e);
        }
    }

    /**
     * The bytes of {@code value}: its unscaled value, big-endian two's complement, shortest form.
     *
     * @throws DataException when the value's scale is not the schema's (rescale it first: the scale is part of the
     *                       schema, not of the bytes)
     */
    public static byte[] fromLogical(Schema schema, BigDecimal value) {
        int scale = scale(schema);
        if (value.scale() != scale) {
            throw new DataException("Decimal value " + value.toPlainString() + " : scale " + value.scale()
                + " (expected: scale " + scale + ", the schema's)");
        }
        return value.unscaledValue().toByteArray();
    }

    /** The decimal whose unscaled value is {@code bytes} (big-endian two's complement), at the schema's scale. */
    public static BigDecimal toLogical(Schema schema, byte[] bytes) {
        if (bytes.length == 0) {
            throw new DataException("Decimal bytes : empty (expected: at least one byte of the unscaled value)");
        }
        return new BigDecimal(new BigInteger(bytes), scale(schema));
    }
}
