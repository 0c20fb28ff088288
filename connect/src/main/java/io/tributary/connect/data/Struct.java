package io.tributary.connect.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A value of a struct {@link Schema}: one value per field. {@link #put} checks the Java type of each value against
 * its field's schema. Not thread-safe.
 */
public final class Struct {
    private final Schema schema;
    private final Object[] values;

    public Struct(Schema schema) {
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("schema : " + schema + " (expected: a struct schema)");
        }
        this.schema = schema;
        this.values = new Object[schema.fields().size()];
    }

    public Schema schema() {
        return schema;
    }

    /** Sets a field; returns this. */
    public Struct put(String fieldName, Object value) {
        Field f = requireField(fieldName);
        Values.validate(f.name(), f.schema(), value);
        values[f.index()] = value;
        return this;
    }

    public Object get(String fieldName) {
        return values[requireField(fieldName).index()];
    }

    /** Checks every non-optional field has a value. */
    public void validate() {
        for (Field f : schema.fields()) {
            Values.validate(f.name(), f.schema(), values[f.index()]);
        }
    }

    private Field requireField(String fieldName) {
        Field f = schema.field(fieldName);
        if (f == null) {
            throw new DataException("field : " + fieldName + " (expected one of "
                + schema.fields().stream().map(Field::name).toList() + ")");
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Struct s && schema.equals(s.schema) && Arrays.deepEquals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, Arrays.deepHashCode(values));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Struct{");
        for (Field f : schema.fields()) {
            if (f.index() > 0) {
                sb.append(',');
            }
            sb.append(f.name()).append('=').append(values[f.index()]);
        }
        return sb.append('}').toString();
    }
}
