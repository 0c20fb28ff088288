package io.tributary.connect.data;

/**
 * A value with its schema, as a converter reads it from bytes.
 *
 * @param schema the schema, null for schemaless data
 * @param value  the value, may be null
 */
public record SchemaAndValue(Schema schema, Object value) {
    /** No schema, no value (a null key or a tombstone). */
    public static final SchemaAndValue NULL = new SchemaAndValue(null, null);
}
