package io.tributary.protocol.types;

import io.tributary.common.Uuid;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The values of one message or nested struct, addressed by field name. A new struct holds every field's default,
 * so a caller sets only what differs. Not thread-safe; a decoded struct may be shared for reading.
 *
 * <pre>{@code
 * Struct req = ProduceRequest.SCHEMA.newStruct().set("acks", (short) -1).set("timeoutMs", 30000);
 * Struct topic = req.addElement("topicData").set("name", "orders");
 * }</pre>
 */
public final class Struct {
    private final StructSchema schema;
    private final Object[] values;
    private List<RawTaggedField> unknownTaggedFields = List.of();

    public Struct(StructSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        List<Field> fields = schema.fields();
        this.values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields.get(i).defaultValue();
        }
    }

    /** A tagged field this side does not know, kept as raw bytes so it can be written back unchanged. */
    public record RawTaggedField(int tag, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RawTaggedField r && r.tag == tag && Arrays.equals(r.data, data);
        }

        @Override
        public int hashCode() {
            return tag * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "RawTaggedField(" + tag + ", " + data.length + " bytes)";
        }
    }

    public StructSchema schema() {
        return schema;
    }

    public Object get(String field) {
        return values[schema.requireIndex(field)];
    }

    /** Sets {@code field}, checking the value's Java type against the field's type. Returns this. */
    public Struct set(String field, Object value) {
        int i = schema.requireIndex(field);
        checkType(schema.fields().get(i), value);
        values[i] = value;
        return this;
    }

    Object get(int index) {
        return values[index];
    }

    void set(int index, Object value) {
        values[index] = value;
    }

    public boolean getBool(String field) {
        return (Boolean) get(field);
    }

    public byte getInt8(String field) {
        return (Byte) get(field);
    }

    public short getInt16(String field) {
        return (Short) get(field);
    }

    /** int32 and uint16 fields. */
    public int getInt32(String field) {
        return (Integer) get(field);
    }

    /** int64 and uint32 fields. */
    public long getInt64(String field) {
        return (Long) get(field);
    }

    public double getFloat64(String field) {
        return (Double) get(field);
    }

    public String getString(String field) {
        return (String) get(field);
    }

    public byte[] getBytes(String field) {
        return (byte[]) get(field);
    }

    /**
     * A records field: a view of the record batches in the input buffer (not a copy), or null. (A field set to a
     * {@link RecordsSource} for writing is read back with {@link #get(String)}.)
     */
    public ByteBuffer getRecords(String field) {
        return (ByteBuffer) get(field);
    }

    public Uuid getUuid(String field) {
        return (Uuid) get(field);
    }

    public Struct getStruct(String field) {
        return (Struct) get(field);
    }

    /** An array of structs (or null where the field is nullable). */
    @SuppressWarnings("unchecked")
    public List<Struct> getStructs(String field) {
        return (List<Struct>) get(field);
    }

    /** An array of primitives (or null where the field is nullable). */
    @SuppressWarnings("unchecked")
    public <T> List<T> getArray(String field) {
        return (List<T>) get(field);
    }

    /** Appends a new default struct to the struct array {@code field} and returns it for filling in. */
    public Struct addElement(String field) {
        Field f = schema.field(field);
        if (!(f.type() instanceof FieldType.ArrayOf a) || !(a.element() instanceof FieldType.StructOf s)) {
            throw new IllegalArgumentException("field : " + field + " (expected: an array of structs, is " + f.type() + ")");
        }
        List<Struct> list = getStructs(field);
        if (list == null) {
            list = new ArrayList<>();
            set(field, list);
        }
        Struct child = new Struct(s.schema());
        list.add(child);
        return child;
    }

    public List<RawTaggedField> unknownTaggedFields() {
        return unknownTaggedFields;
    }

    void unknownTaggedFields(List<RawTaggedField> raw) {
        this.unknownTaggedFields = raw;
    }

    private static void checkType(Field f, Object value) {
        if (value == null) {
            return; // nullability depends on the version; the writer checks it
        }
        Class<?> expected = javaType(f.type());
        if (value instanceof RecordsSource && f.type() == FieldType.Primitive.RECORDS) {
            return;
        }
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException("field " + f.name() + " : " + value.getClass().getSimpleName()
                + " (expected: " + expected.getSimpleName() + ")");
        }
    }

    static Class<?> javaType(FieldType type) {
        if (type instanceof FieldType.ArrayOf) {
            return List.class;
        }
        if (type instanceof FieldType.StructOf) {
            return Struct.class;
        }
        return switch ((FieldType.Primitive) type) {
            case BOOL -> Boolean.class;
            case INT8 -> Byte.class;
            case INT16 -> Short.class;
            case UINT16, INT32 -> Integer.class;
            case UINT32, INT64 -> Long.class;
            case FLOAT64 -> Double.class;
            case STRING -> String.class;
            case BYTES -> byte[].class;
            case RECORDS -> ByteBuffer.class;
            case UUID -> Uuid.class;
        };
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Struct other) || other.schema != schema) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!valueEquals(values[i], other.values[i])) {
                return false;
            }
        }
        return unknownTaggedFields.equals(other.unknownTaggedFields);
    }

    static boolean valueEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!valueEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    @Override
    public int hashCode() {
        int h = schema.hashCode();
        for (Object v : values) {
            h = h * 31 + (v instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(v));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(schema.name()).append('(');
        List<Field> fields = schema.fields();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = values[i];
            sb.append(fields.get(i).name()).append('=');
            if (v instanceof byte[] b) {
                sb.append(b.length).append(" bytes");
            } else if (v instanceof RecordsSource rs) {
                sb.append(rs.sizeInBytes()).append(" bytes of records (deferred)");
            } else if (v instanceof ByteBuffer bb) {
                sb.append(bb.remaining()).append(" bytes of records");
            } else {
                sb.append(v);
            }
        }
        return sb.append(')').toString();
    }
}
