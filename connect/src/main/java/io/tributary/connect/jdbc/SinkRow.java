package io.tributary.connect.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.jdbc.JdbcSinkConfig.PkMode;
import io.tributary.connect.sink.SinkRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record as the sink writes it: the table, the key columns and the other columns, each with its
 * {@link ColumnType} (null for a schemaless null, whose type cannot be known) and its value ready to bind, or a
 * delete by key. Built by {@link #of}, which throws a {@link ConnectException} naming the record for anything it
 * cannot write. Immutable.
 *
 * @param table  the table name from {@code table.name.format}
 * @param delete whether the record deletes the row of its key (a tombstone with {@code delete.enabled})
 * @param keys   the primary key columns
 * @param others the other columns, empty for a delete
 */
record SinkRow(String table, boolean delete, List<Value> keys, List<Value> others) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A column's value.
     *
     * @param name     the field name (the column)
     * @param type     its column type, or null when unknown (a schemaless null)
     * @param optional whether the column may hold null
     * @param value    the value to bind: as the schema's Java type, JSON text for {@link ColumnType#JSON}
     * @param precision a {@link ColumnType#DECIMAL}'s precision when known (the schema's
     *                  {@code connect.decimal.precision}), else 0
     * @param scale     a {@link ColumnType#DECIMAL}'s scale
     */
    record Value(String name, ColumnType type, boolean optional, Object value, int precision, int scale) {
        Value(String name, ColumnType type, boolean optional, Object value) {
            this(name, type, optional, value, 0, 0);
        }

        /** A value of a field with {@code schema} (null: schemaless, the type inferred from the value). */
        static Value of(String name, Schema schema, boolean optional, Object value) {
            ColumnType type = schema != null ? ColumnType.of(schema) : ColumnType.infer(name, value);
            if (type != ColumnType.DECIMAL) {
                return new Value(name, type, optional, bindable(type, value));
            }
            if (schema != null) {
                String p = schema.parameters() == null ? null : schema.parameters().get(SchemaMapping.PRECISION_PARAMETER);
                int precision = 0;
                try {
                    precision = p == null ? 0 : Integer.parseInt(p.trim());
                } catch (NumberFormatException e) {
                    // Not ours to judge: use the default precision.
                }
                return new Value(name, type, optional, value, precision, Decimal.scale(schema));
            }
            return new Value(name, type, optional, value, 0, Math.max(0, ((BigDecimal) value).scale()));
        }
    }

    /** The column names, keys first; rows with the same shape share a statement. */
    List<String> columnNames() {
        List<String> names = new ArrayList<>(keys.size() + others.size());
        keys.forEach(v -> names.add(v.name()));
        others.forEach(v -> names.add(v.name()));
        return names;
    }

    static SinkRow of(SinkRecord record, JdbcSinkConfig config) {
        String table = config.tableName(record.topic());
        try {
            if (record.value() == null) {
                if (!config.deleteEnabled) {
                    throw new ConnectException("the value is null (a tombstone); set delete.enabled=true with "
                        + "pk.mode=record_key to delete rows, or drop tombstones with a transform");
                }
                return new SinkRow(table, true, keyColumns(record, config), List.of());
            }
            List<Value> values = fields("value", record.valueSchema(), record.value());
            List<Value> keys = new ArrayList<>();
            if (config.pkMode == PkMode.RECORD_KEY) {
                keys = keyColumns(record, config);
                List<String> keyNames = keys.stream().map(Value::name).toList();
                values.removeIf(v -> keyNames.contains(v.name()));
            } else if (config.pkMode == PkMode.RECORD_VALUE) {
                List<String> wanted = config.pkFields.isEmpty() ? values.stream().map(Value::name).toList()
                    : config.pkFields;
                for (String name : wanted) {
                    Value v = byName(values, name);
                    keys.add(requireKey(name, v, "value"));
                    values.remove(v);
                }
            }
            return new SinkRow(table, false, keys, values);
        } catch (ConnectException e) {
            throw new ConnectException("cannot write record " + record.topic() + "-" + record.kafkaPartition() + "@"
                + record.kafkaOffset() + " to table " + table + ": " + e.getMessage(), e);
        }
    }

    private static List<Value> keyColumns(SinkRecord record, JdbcSinkConfig config) {
        Object key = record.key();
        if (key == null) {
            throw new ConnectException("the key is null (expected: a key with pk.mode=record_key)");
        }
        if (key instanceof Struct || key instanceof Map<?, ?>) {
            List<Value> fields = fields("key", record.keySchema(), key);
            if (config.pkFields.isEmpty()) {
                fields.forEach(v -> requireKey(v.name(), v, "key"));
                return fields;
            }
            List<Value> keys = new ArrayList<>();
            for (String name : config.pkFields) {
                keys.add(requireKey(name, byName(fields, name), "key"));
            }
            return keys;
        }
        if (config.pkFields.size() != 1) {
            throw new ConnectException("pk.fields : " + config.pkFields + " (expected: exactly one column name for "
                + "the primitive record key " + key.getClass().getSimpleName() + ")");
        }
        return List.of(Value.of(config.pkFields.get(0), record.keySchema(), false, key));
    }

    /**
     * The field named {@code name}, else the one named so ignoring case (H2 reports unquoted columns in upper case:
     * {@code pk.fields=id} finds a source row's {@code ID}), else null.
     */
    private static Value byName(List<Value> values, String name) {
        for (Value v : values) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return values.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static Value requireKey(String name, Value v, String where) {
        if (v == null || v.value() == null) {
            throw new ConnectException("primary key field " + name + " is " + (v == null ? "missing from" : "null in")
                + " the record " + where + " (pk.fields, pk.mode)");
        }
        return new Value(v.name(), v.type(), false, v.value(), v.precision(), v.scale());
    }

    /** The fields of a struct or map value, in order. */
    private static List<Value> fields(String where, Schema schema, Object value) {
        List<Value> out = new ArrayList<>();
        if (value instanceof Struct s) {
            for (Field f : s.schema().fields()) {
                out.add(Value.of(f.name(), f.schema(), f.schema().isOptional(), s.get(f.name())));
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                Object v = e.getValue();
                Schema fieldSchema = schema != null && schema.type() == Schema.Type.MAP ? schema.valueSchema() : null;
                out.add(Value.of(name, fieldSchema, true, v));
            }
            return out;
        }
        throw new ConnectException("the record " + where + " is a " + value.getClass().getSimpleName()
            + " (expected: a Struct, or a Map from schemaless JSON, to write as a row)");
    }

    /** The value as the writer binds it: nested values become JSON text. */
    private static Object bindable(ColumnType type, Object value) {
        if (value == null || type != ColumnType.JSON) {
            return value;
        }
        try {
            return JSON.writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            throw new ConnectException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Structs as maps, bytes as base64, so Jackson writes plain JSON. */
    private static Object plain(Object value) {
        if (value instanceof Struct s) {
            Map<String, Object> m = new LinkedHashMap<>();
            s.schema().fields().forEach(f -> m.put(f.name(), plain(s.get(f.name()))));
            return m;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), plain(v)));
            return m;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SinkRow::plain).toList();
        }
        if (value instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return value;
    }
}
