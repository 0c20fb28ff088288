package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Casts the key ({@code Cast$Key}) or value ({@code Cast$Value}), or some of its fields, to another primitive type.
 * {@code spec} (required) is either one type, casting the whole key or value ({@code int64}), or a list of
 * {@code field:type} pairs ({@code id:int64,score:float64,active:boolean}). Types: int8, int16, int32, int64,
 * float32, float64, boolean, string.
 *
 * <p>Numbers cast to numbers as Java narrows or widens them; booleans become 1/0; strings are parsed (a bad string
 * is a {@link DataException}); anything cast to boolean is true when non-zero or the text "true"; casting to string
 * gives the text (bytes: Base64). Fields not named, and null values, are unchanged; an optional field stays optional.
 * Works on structs (the new schema is cached) and schemaless maps.
 */
public abstract class Cast<R extends ConnectRecord> extends KeyOrValueTransformation<R> {
    private static final String SPEC = "spec";

    private Schema.Type wholeType;
    private Map<String, Schema.Type> fieldTypes;

    Cast(boolean onKey) {
        super(onKey);
    }

    @Override
    public void configure(Map<String, String> settings) {
        TransformConfig c = new TransformConfig(settings);
        String raw = settings.get(SPEC);
        var entries = c.list(SPEC);
        if (entries.isEmpty()) {
            throw new ConfigException(SPEC, raw, "a type (int64) or field:type pairs (id:int64,flag:boolean)");
        }
        wholeType = null;
        fieldTypes = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                if (entries.size() > 1) {
                    throw new ConfigException(SPEC, raw, "one whole-value type, or field:type pairs only");
                }
                wholeType = type(raw, entry);
            } else {
                String field = entry.substring(0, colon).trim();
                if (field.isEmpty()) {
                    throw new ConfigException(SPEC, raw, "field:type pairs with a field name");
                }
                fieldTypes.put(field, type(raw, entry.substring(colon + 1).trim()));
            }
        }
    }

    private static Schema.Type type(String raw, String name) {
        try {
            Schema.Type t = Schema.Type.valueOf(name.toUpperCase(Locale.ROOT));
            if (t.isPrimitive() && t != Schema.Type.BYTES) {
                return t;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigException(SPEC, raw, "types among int8, int16, int32, int64, float32, float64, boolean, "
            + "string (" + name + " is not one)");
    }

    @Override
    public R apply(R r) {
        Object v = part(r);
        Schema schema = schema(r);
        if (wholeType != null) {
            if (schema != null && !schema.type().isPrimitive()) {
                throw new DataException("Cast: the record's " + partName() + " : " + schema.type()
                    + " (expected: a primitive value to cast whole; use field:type pairs for a struct)");
            }
            Schema out = schema == null ? null : cachedSchema(schema, s -> primitive(wholeType, s.isOptional()));
            return withPart(r, out, v == null ? null : cast(partName(), v, wholeType));
        }
        if (v == null) {
            return r;
        }
        if (schema == null) {
            Map<String, Object> out = new LinkedHashMap<>(requireMap(r, "Cast"));
            fieldTypes.forEach((f, t) -> {
                Object fv = out.get(f);
                if (fv != null) {
                    out.put(f, cast(f, fv, t));
                }
            });
            return withPart(r, null, out);
        }
        Struct in = requireStruct(r, "Cast");
        Schema outSchema = cachedSchema(schema, this::castSchema);
        Struct out = new Struct(outSchema);
        for (Field f : schema.fields()) {
            Object fv = in.get(f.name());
            Schema.Type t = fieldTypes.get(f.name());
            out.put(f.name(), fv == null || t == null ? fv : cast(f.name(), fv, t));
        }
        return withPart(r, outSchema, out);
    }

    private Schema castSchema(Schema in) {
        SchemaBuilder b = structLike(in);
        for (Field f : in.fields()) {
            Schema.Type t = fieldTypes.get(f.name());
            if (t != null && !f.schema().type().isPrimitive()) {
                throw new DataException("Cast field " + f.name() + " : " + f.schema().type()
                    + " (expected: a primitive field)");
            }
            b.field(f.name(), t == null ? f.schema() : primitive(t, f.schema().isOptional()));
        }
        return b.build();
    }

    private static Schema primitive(Schema.Type t, boolean optional) {
        SchemaBuilder b = SchemaBuilder.type(t);
        return (optional ? b.optional() : b).build();
    }

    /** {@code v} (not null) as type {@code t}. */
    static Object cast(String what, Object v, Schema.Type t) {
        try {
            if (t == Schema.Type.STRING) {
                return v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : String.valueOf(v);
            }
            if (t == Schema.Type.BOOLEAN) {
                if (v instanceof Boolean b) {
                    return b;
                }
                if (v instanceof Number n) {
                    return n.doubleValue() != 0;
                }
                if (v instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s.trim());
                }
                throw new DataException("Cast " + what + " : " + v + " (expected: a number, a boolean or true/false)");
            }
            Number n;
            if (v instanceof Number num) {
                n = num;
            } else if (v instanceof Boolean b) {
                n = b ? 1 : 0;
            } else if (v instanceof String s) {
                String text = s.trim();
                n = t == Schema.Type.FLOAT32 || t == Schema.Type.FLOAT64 ? (Number) Double.parseDouble(text)
                    : (Number) Long.parseLong(text);
            } else {
                throw new DataException("Cast " + what + " : " + v.getClass().getSimpleName()
                    + " (expected: a number, a boolean or a string to cast to " + t.jsonName() + ")");
            }
            return switch (t) {
                case INT8 -> n.byteValue();
                case INT16 -> n.shortValue();
                case INT32 -> n.intValue();
                case INT64 -> n.longValue();
                case FLOAT32 -> n.floatValue();
                case FLOAT64 -> n.doubleValue();
                default -> throw new IllegalStateException(t.name());
            };
        } catch (NumberFormatException e) {
            throw new DataException("Cast " + what + " : " + v + " (expected: text that reads as " + t.jsonName()
                + ")");
        }
    }

    /** Casts the key. */
    public static final class Key<R extends ConnectRecord> extends Cast<R> {
        public Key() {
            super(true);
        }
    }

    /** Casts the value. */
    public static final class Value<R extends ConnectRecord> extends Cast<R> {
        public Value() {
            super(false);
        }
    }
}
