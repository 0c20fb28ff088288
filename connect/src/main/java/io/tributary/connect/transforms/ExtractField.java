package io.tributary.connect.transforms;

import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import java.util.Map;

/**
 * Replaces the key ({@code ExtractField$Key}) or value ({@code ExtractField$Value}) with one of its fields,
 * {@code field} (required): the field's schema becomes the key's or value's schema. A null key or value passes
 * unchanged; a schemaless map without the field gives null.
 */
public abstract class ExtractField<R extends ConnectRecord> extends KeyOrValueTransformation<R> {
    private String field;

    ExtractField(boolean onKey) {
        super(onKey);
    }

    @Override
    public void configure(Map<String, String> settings) {
        field = new TransformConfig(settings).required("field", "the name of the field to extract");
    }

    @Override
    public R apply(R r) {
        if (part(r) == null) {
            return r;
        }
        Schema schema = schema(r);
        if (schema == null) {
            return withPart(r, null, requireMap(r, "ExtractField").get(field));
        }
        Field f = schema.field(field);
        if (f == null) {
            throw new DataException("ExtractField field : " + field + " (expected one of the " + partName()
                + "'s fields " + schema.fields().stream().map(Field::name).toList() + ")");
        }
        return withPart(r, f.schema(), requireStruct(r, "ExtractField").get(field));
    }

    /** Extracts from the key. */
    public static final class Key<R extends ConnectRecord> extends ExtractField<R> {
        public Key() {
            super(true);
        }
    }

    /** Extracts from the value. */
    public static final class Value<R extends ConnectRecord> extends ExtractField<R> {
        public Value() {
            super(false);
        }
    }
}
