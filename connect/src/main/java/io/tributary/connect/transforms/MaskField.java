package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces fields of the key ({@code MaskField$Key}) or value ({@code MaskField$Value}) with an empty value of their
 * type (0, false, "", empty bytes, list or map), or with {@code replacement} read as the field's type (numbers,
 * booleans and strings only). Settings: {@code fields} (required), {@code replacement}. The schema is unchanged;
 * a null field stays null. A null key or value passes unchanged.
 */
public abstract class MaskField<R extends ConnectRecord> extends KeyOrValueTransformation<R> {
    private List<String> fields;
    private String replacement;

    MaskField(boolean onKey) {
        super(onKey);
    }

    @Override
    public void configure(Map<String, String> settings) {
        TransformConfig c = new TransformConfig(settings);
        fields = c.list("fields");
        if (fields.isEmpty()) {
            throw new ConfigException("fields", settings.get("fields"), "the names of the fields to mask");
        }
        replacement = c.get("replacement", null);
    }

    @Override
    public R apply(R r) {
        if (part(r) == null) {
            return r;
        }
        Schema schema = schema(r);
        if (schema == null) {
            Map<String, Object> out = new LinkedHashMap<>(requireMap(r, "MaskField"));
            for (String f : fields) {
                Object v = out.get(f);
                if (v != null) {
                    out.put(f, masked(f, v));
                }
            }
            return withPart(r, null, out);
        }
        Struct in = requireStruct(r, "MaskField");
        Struct out = new Struct(schema);
        for (Field f : schema.fields()) {
            Object v = in.get(f.name());
            out.put(f.name(), v != null && fields.contains(f.name()) ? masked(f.name(), v) : v);
        }
        return withPart(r, schema, out);
    }

    /** A masked value of the same Java type as {@code v}. */
    private Object masked(String field, Object v) {
        if (replacement == null) {
            return empty(field, v);
        }
        try {
            if (v instanceof String) {
                return replacement;
            } else if (v instanceof Byte) {
                return Byte.valueOf(replacement);
            } else if (v instanceof Short) {
                return Short.valueOf(replacement);
            } else if (v instanceof Integer) {
                return Integer.valueOf(replacement);
            } else if (v instanceof Long) {
                return Long.valueOf(replacement);
            } else if (v instanceof Float) {
                return Float.valueOf(replacement);
            } else if (v instanceof Double) {
                return Double.valueOf(replacement);
            } else if (v instanceof BigDecimal) {
                return new BigDecimal(replacement);
            } else if (v instanceof Boolean) {
                return Boolean.valueOf(replacement);
            }
        } catch (NumberFormatException e) {
            throw new DataException("MaskField replacement : " + replacement + " (expected: a "
                + v.getClass().getSimpleName() + " for field " + field + ")");
        }
        throw new DataException("MaskField replacement for field " + field + " : " + v.getClass().getSimpleName()
            + " (expected: a number, boolean or string field; other types can only be masked empty)");
    }

    private static Object empty(String field, Object v) {
        if (v instanceof String) {
            return "";
        } else if (v instanceof Byte) {
            return (byte) 0;
        } else if (v instanceof Short) {
            return (short) 0;
        } else if (v instanceof Integer) {
            return 0;
        } else if (v instanceof Long) {
            return 0L;
        } else if (v instanceof Float) {
            return 0f;
        } else if (v instanceof Double) {
            return 0d;
        } else if (v instanceof BigDecimal) {
            return BigDecimal.ZERO;
        } else if (v instanceof Boolean) {
            return Boolean.FALSE;
        } else if (v instanceof byte[]) {
            return new byte[0];
        } else if (v instanceof List<?>) {
            return List.of();
        } else if (v instanceof Map<?, ?>) {
            return Map.of();
        }
        throw new DataException("MaskField field " + field + " : " + v.getClass().getSimpleName()
            + " (expected: a primitive, bytes, list or map; structs cannot be masked)");
    }

    /** Masks key fields. */
    public static final class Key<R extends ConnectRecord> extends MaskField<R> {
        public Key() {
            super(true);
        }
    }

    /** Masks value fields. */
    public static final class Value<R extends ConnectRecord> extends MaskField<R> {
        public Value() {
            super(false);
        }
    }
}
