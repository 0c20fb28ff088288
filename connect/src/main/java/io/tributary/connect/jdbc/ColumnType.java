package io.tributary.connect.jdbc;

import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.errors.ConnectException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/**
 * The Connect-side type of a column the sink writes: a schema's type (with the logical types named after Kafka's
 * {@code Date}, {@code Time} and {@code Timestamp}), or inferred from a schemaless value's Java type. Each
 * {@link DatabaseDialect} maps it to its SQL type for {@code CREATE TABLE} and {@code ALTER TABLE}.
 */
enum ColumnType {
    INT8(Types.TINYINT), INT16(Types.SMALLINT), INT32(Types.INTEGER), INT64(Types.BIGINT),
    FLOAT32(Types.REAL), FLOAT64(Types.DOUBLE), BOOLEAN(Types.BOOLEAN), STRING(Types.VARCHAR),
    BYTES(Types.VARBINARY),
    /** Days since the epoch ({@code Integer}), Kafka's {@code org.apache.kafka.connect.data.Date}. */
    DATE(Types.DATE),
    /** Milliseconds since midnight ({@code Integer}), Kafka's {@code org.apache.kafka.connect.data.Time}. */
    TIME(Types.TIME),
    /** Milliseconds since the epoch ({@code Long}), Kafka's {@code org.apache.kafka.connect.data.Timestamp}. */
    TIMESTAMP(Types.TIMESTAMP),
    /** An exact decimal ({@code BigDecimal}), Kafka's {@code org.apache.kafka.connect.data.Decimal}. */
    DECIMAL(Types.DECIMAL),
    /** A struct, map or list, written as JSON text. */
    JSON(Types.VARCHAR);

    static final String DATE_NAME = "org.apache.kafka.connect.data.Date";
    static final String TIME_NAME = "org.apache.kafka.connect.data.Time";
    static final String TIMESTAMP_NAME = "org.apache.kafka.connect.data.Timestamp";

    /** The JDBC type code, for {@code setNull}. */
    final int jdbcType;

    ColumnType(int jdbcType) {
        this.jdbcType = jdbcType;
    }

    /** The column type of a field with this schema. */
    static ColumnType of(Schema schema) {
        String name = schema.name();
        return switch (schema.type()) {
            case INT8 -> INT8;
            case INT16 -> INT16;
            case INT32 -> DATE_NAME.equals(name) ? DATE : TIME_NAME.equals(name) ? TIME : INT32;
            case INT64 -> TIMESTAMP_NAME.equals(name) ? TIMESTAMP : INT64;
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
            case BOOLEAN -> BOOLEAN;
            case STRING -> STRING;
            case BYTES -> Decimal.isDecimal(schema) ? DECIMAL : BYTES;
            case ARRAY, MAP, STRUCT -> JSON;
        };
    }

    /**
     * The column type of a schemaless value (what {@code JsonConverter} with {@code schemas.enable=false} gives),
     * or null for null: integers are INT64, decimals FLOAT64, maps and lists JSON.
     *
     * @throws ConnectException for a Java type with no column type
     */
    static ColumnType infer(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return INT64;
        }
        if (value instanceof Double || value instanceof Float) {
            return FLOAT64;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof java.math.BigDecimal) {
            return DECIMAL;
        }
        if (value instanceof java.util.Date) {
            return TIMESTAMP;
        }
        if (value instanceof String) {
            return STRING;
        }
        if (value instanceof byte[]) {
            return BYTES;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof io.tributary.connect.data.Struct) {
            return JSON;
        }
        throw new ConnectException("field " + field + " : " + value.getClass().getName() + " (expected: a String, "
            + "Long, Integer, Double, BigDecimal, Boolean, byte[], java.util.Date, Map or List; no column type for it)");
    }
}
