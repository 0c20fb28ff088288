package io.tributary.connect.transforms;

import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.util.Map;

/**
 * What the {@code $Key} / {@code $Value} transforms share: which part of the record they work on, and reading it as
 * a struct (with a schema) or a map (schemaless), as Kafka Connect's transforms do.
 *
 * @param <R> source or sink records
 */
abstract class KeyOrValueTransformation<R extends ConnectRecord> implements Transformation<R> {
    private final boolean onKey;
    /** The last input schema and what it became: records of one stream nearly always share a schema. */
    private Schema lastIn;
    private Schema lastOut;

    KeyOrValueTransformation(boolean onKey) {
        this.onKey = onKey;
    }

    final Schema schema(R r) {
        return onKey ? r.keySchema() : r.valueSchema();
    }

    final Object part(R r) {
        return onKey ? r.key() : r.value();
    }

    final String partName() {
        return onKey ? "key" : "value";
    }

    @SuppressWarnings("unchecked")
    final R withPart(R r, Schema schema, Object value) {
        return onKey
            ? (R) r.newRecord(r.topic(), r.kafkaPartition(), schema, value, r.valueSchema(), r.value(), r.timestamp())
            : (R) r.newRecord(r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), schema, value, r.timestamp());
    }

    /** The record's part as a struct. */
    final Struct requireStruct(R r, String purpose) {
        Object v = part(r);
        if (!(v instanceof Struct s)) {
            throw new DataException(purpose + ": the record's " + partName() + " : "
                + (v == null ? "null" : v.getClass().getSimpleName()) + " (expected: a Struct, as the "
                + partName() + " schema is a struct)");
        }
        return s;
    }

    /** The record's part as a map (schemaless data). */
    @SuppressWarnings("unchecked")
    final Map<String, Object> requireMap(R r, String purpose) {
        Object v = part(r);
        if (!(v instanceof Map<?, ?> m)) {
            throw new DataException(purpose + ": the record's " + partName() + " : "
                + (v == null ? "null" : v.getClass().getSimpleName())
                + " (expected: a Map, as the record has no " + partName() + " schema)");
        }
        return (Map<String, Object>) m;
    }

    /** {@code derive(in)}, cached for the last input schema. */
    final Schema cachedSchema(Schema in, java.util.function.Function<Schema, Schema> derive) {
        if (in != lastIn && !in.equals(lastIn)) {
            lastOut = derive.apply(in);
            lastIn = in;
        }
        return lastOut;
    }

    /** A struct builder with the name and optionality of {@code like}, no fields yet. */
    static SchemaBuilder structLike(Schema like) {
        SchemaBuilder b = SchemaBuilder.struct().name(like.name());
        return like.isOptional() ? b.optional() : b;
    }

    /** Copies every field of {@code from} whose name is also in {@code to}'s schema. */
    static void copyFields(Struct from, Struct to) {
        for (Field f : to.schema().fields()) {
            if (from.schema().field(f.name()) != null) {
                to.put(f.name(), from.get(f.name()));
            }
        }
    }
}
