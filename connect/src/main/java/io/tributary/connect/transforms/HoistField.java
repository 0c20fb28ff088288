package io.tributary.connect.transforms;

import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.util.HashMap;
import java.util.Map;

/**
 * Wraps the key ({@code HoistField$Key}) or value ({@code HoistField$Value}) in a struct with one field,
 * {@code field} (required), whose schema is the old key's or value's schema; schemaless data becomes a map with one
 * entry. A null key or value is wrapped too (a struct or map whose field is null).
 */
public abstract class HoistField<R extends ConnectRecord> extends KeyOrValueTransformation<R> {
    private String field;

    HoistField(boolean onKey) {
        super(onKey);
    }

    @Override
    public void configure(Map<String, String> settings) {
        field = new TransformConfig(settings).required("field", "the name of the field to wrap the "
            + "key or value in");
    }

    @Override
    public R apply(R r) {
        Schema schema = schema(r);
        Object v = part(r);
        if (schema == null) {
            Map<String, Object> wrapped = new HashMap<>(2);
            wrapped.put(field, v);
            return withPart(r, null, wrapped);
        }
        Schema wrapper = cachedSchema(schema, s -> SchemaBuilder.struct().field(field, s).build());
        return withPart(r, wrapper, new Struct(wrapper).put(field, v));
    }

    /** Wraps the key. */
    public static final class Key<R extends ConnectRecord> extends HoistField<R> {
        public Key() {
            super(true);
        }
    }

    /** Wraps the value. */
    public static final class Value<R extends ConnectRecord> extends HoistField<R> {
        public Value() {
            super(false);
        }
    }
}
