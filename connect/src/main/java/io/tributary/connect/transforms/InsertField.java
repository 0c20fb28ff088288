package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.sink.SinkRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds fields to the key ({@code InsertField$Key}) or value ({@code InsertField$Value}): the record's topic,
 * partition, offset (sink records only) and timestamp, and a static string. Settings: {@code topic.field},
 * {@code partition.field}, {@code offset.field}, {@code timestamp.field}, {@code static.field} with
 * {@code static.value}. A field name ending in {@code !} makes the field required, {@code ?} (the default)
 * optional. Structs get a new schema with the fields appended; maps get the entries. A null key or value (a
 * tombstone) passes unchanged.
 */
public abstract class InsertField<R extends ConnectRecord> extends KeyOrValueTransformation<R> {
    /** Kafka's name for a timestamp stored as INT64 milliseconds. */
    static final String TIMESTAMP_SCHEMA_NAME = "org.apache.kafka.connect.data.Timestamp";

    private record Spec(String name, boolean optional) {
        static Spec parse(String raw) {
            if (raw == null) {
                return null;
            }
            if (raw.endsWith("!")) {
                return new Spec(raw.substring(0, raw.length() - 1), false);
            }
            return new Spec(raw.endsWith("?") ? raw.substring(0, raw.length() - 1) : raw, true);
        }
    }

    private Spec topicField;
    private Spec partitionField;
    private Spec offsetField;
    private Spec timestampField;
    private Spec staticField;
    private String staticValue;

    InsertField(boolean onKey) {
        super(onKey);
    }

    @Override
    public void configure(Map<String, String> settings) {
        TransformConfig c = new TransformConfig(settings);
        topicField = Spec.parse(c.get("topic.field", null));
        partitionField = Spec.parse(c.get("partition.field", null));
        offsetField = Spec.parse(c.get("offset.field", null));
        timestampField = Spec.parse(c.get("timestamp.field", null));
        staticField = Spec.parse(c.get("static.field", null));
        staticValue = c.get("static.value", null);
        if (topicField == null && partitionField == null && offsetField == null && timestampField == null
            && staticField == null) {
            throw new ConfigException("InsertField : no field to insert (expected: at least one of topic.field, "
                + "partition.field, offset.field, timestamp.field, static.field)");
        }
        if (staticField != null && staticValue == null) {
            throw new ConfigException("static.value", null, "a value, as static.field is set");
        }
    }

    @Override
    public R apply(R r) {
        if (part(r) == null) {
            return r;
        }
        Schema schema = schema(r);
        if (schema == null) {
            Map<String, Object> out = new LinkedHashMap<>(requireMap(r, "InsertField"));
            put(out, topicField, r.topic());
            put(out, partitionField, r.kafkaPartition());
            if (offsetField != null) {
                out.put(offsetField.name(), offset(r));
            }
            put(out, timestampField, r.timestamp());
            put(out, staticField, staticValue);
            return withPart(r, null, out);
        }
        Struct in = requireStruct(r, "InsertField");
        Schema outSchema = cachedSchema(schema, this::widen);
        Struct out = new Struct(outSchema);
        copyFields(in, out);
        set(out, topicField, r.topic());
        set(out, partitionField, r.kafkaPartition());
        if (offsetField != null) {
            out.put(offsetField.name(), offset(r));
        }
        set(out, timestampField, r.timestamp());
        set(out, staticField, staticValue);
        return withPart(r, outSchema, out);
    }

    private static long offset(ConnectRecord r) {
        if (!(r instanceof SinkRecord s)) {
            throw new DataException("InsertField offset.field : " + r.getClass().getSimpleName()
                + " (expected: a sink record; source records have no Kafka offset yet)");
        }
        return s.kafkaOffset();
    }

    private static void put(Map<String, Object> out, Spec field, Object value) {
        if (field != null) {
            out.put(field.name(), value);
        }
    }

    private static void set(Struct out, Spec field, Object value) {
        if (field != null) {
            out.put(field.name(), value);
        }
    }

    private Schema widen(Schema in) {
        SchemaBuilder b = structLike(in);
        for (Field f : in.fields()) {
            b.field(f.name(), f.schema());
        }
        add(b, topicField, Schema.Type.STRING, null);
        add(b, partitionField, Schema.Type.INT32, null);
        add(b, offsetField, Schema.Type.INT64, null);
        add(b, timestampField, Schema.Type.INT64, TIMESTAMP_SCHEMA_NAME);
        add(b, staticField, Schema.Type.STRING, null);
        return b.build();
    }

    private static void add(SchemaBuilder b, Spec field, Schema.Type type, String name) {
        if (field != null) {
            SchemaBuilder s = SchemaBuilder.type(type).name(name);
            b.field(field.name(), (field.optional() ? s.optional() : s).build());
        }
    }

    /** Inserts into the key. */
    public static final class Key<R extends ConnectRecord> extends InsertField<R> {
        public Key() {
            super(true);
        }
    }

    /** Inserts into the value. */
    public static final class Value<R extends ConnectRecord> extends InsertField<R> {
        public Value() {
            super(false);
        }
    }
}
