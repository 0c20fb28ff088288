package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces the key with a struct (or, schemaless, a map) of some of the value's fields, in the order given by
 * {@code fields} (required). Fails on a field the value does not have.
 */
public final class ValueToKey<R extends ConnectRecord> extends KeyOrValueTransformation<R> {
    private List<String> fields;

    public ValueToKey() {
        super(false);
    }

    @Override
    public void configure(Map<String, String> settings) {
        fields = new TransformConfig(settings).list("fields");
        if (fields.isEmpty()) {
            throw new ConfigException("fields", settings.get("fields"), "the value fields that make the key");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public R apply(R r) {
        Schema schema = r.valueSchema();
        if (schema == null) {
            Map<String, Object> value = requireMap(r, "ValueToKey");
            Map<String, Object> key = new LinkedHashMap<>();
            for (String f : fields) {
                if (!value.containsKey(f)) {
                    throw missing(f, value.keySet().stream().toList());
                }
                key.put(f, value.get(f));
            }
            return (R) r.newRecord(r.topic(), r.kafkaPartition(), null, key, null, r.value(), r.timestamp());
        }
        Struct value = requireStruct(r, "ValueToKey");
        Schema keySchema = cachedSchema(schema, this::keySchema);
        Struct key = new Struct(keySchema);
        copyFields(value, key);
        return (R) r.newRecord(r.topic(), r.kafkaPartition(), keySchema, key, schema, value, r.timestamp());
    }

    private Schema keySchema(Schema valueSchema) {
        SchemaBuilder b = SchemaBuilder.struct();
        for (String f : fields) {
            Field field = valueSchema.field(f);
            if (field == null) {
                throw missing(f, valueSchema.fields().stream().map(Field::name).toList());
            }
            b.field(f, field.schema());
        }
        return b.build();
    }

    private static DataException missing(String field, List<String> present) {
        return new DataException("ValueToKey fields : " + field + " (expected one of the value's fields " + present
            + ")");
    }
}
