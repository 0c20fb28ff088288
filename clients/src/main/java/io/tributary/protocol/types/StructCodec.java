package io.tributary.protocol.types;

import io.tributary.common.Uuid;
import io.tributary.protocol.MalformedMessageException;
import io.tributary.protocol.types.ProtocolReader.LengthKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads and writes a {@link Struct} by walking its {@link StructSchema}: the one interpreter behind every message.
 *
 * <p>Encoding rules (Kafka protocol guide, KIP-482 for flexible versions): in a flexible version, strings, bytes,
 * records and arrays carry an unsigned-varint length + 1 (0 = null) and each struct ends with a tagged-field
 * section (count, then per field: tag, size, value), tags ascending, a tagged field written only when it differs
 * from its default. Classic versions use int16 lengths for strings and int32 for bytes and arrays (-1 = null).
 */
final class StructCodec {
    private StructCodec() {
    }

    static Struct read(StructSchema schema, ProtocolReader r, short version, boolean flexible) {
        Struct s = new Struct(schema);
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (!f.presentIn(version) || (flexible && f.taggedIn(version))) {
                continue;
            }
            s.set(i, readValue(f, f.type(), r, version, flexible, f.nullableIn(version)));
        }
        if (flexible) {
            readTaggedFields(s, r, version);
        }
        return s;
    }

    private static void readTaggedFields(Struct s, ProtocolReader r, short version) {
        int count = r.readUnsignedVarint();
        r.checkArrayCount(count);
        List<Struct.RawTaggedField> unknown = null;
        for (int n = 0; n < count; n++) {
            int tag = r.readUnsignedVarint();
            int size = r.readUnsignedVarint();
            int index = taggedIndex(s.schema(), tag, version);
            if (index < 0) {
                if (unknown == null) {
                    unknown = new ArrayList<>();
                }
                unknown.add(new Struct.RawTaggedField(tag, r.readByteArray(size)));
                continue;
            }
            Field f = s.schema().fields().get(index);
            ProtocolReader sub = new ProtocolReader(r.readSlice(size));
            s.set(index, readValue(f, f.type(), sub, version, true, f.nullableIn(version)));
        }
        if (unknown != null) {
            s.unknownTaggedFields(List.copyOf(unknown));
        }
    }

    private static int taggedIndex(StructSchema schema, int tag, short version) {
        for (int i : schema.taggedOrder()) {
            Field f = schema.fields().get(i);
            if (f.tag() == tag && f.taggedIn(version)) {
                return i;
            }
        }
        return -1;
    }

    private static Object readValue(Field f, FieldType type, ProtocolReader r, short version, boolean flexible,
                                    boolean nullable) {
        boolean compact = flexible && !f.isNeverCompact();
        if (type instanceof FieldType.ArrayOf a) {
            int count = r.readLength(compact ? LengthKind.COMPACT : LengthKind.INT32);
            if (count < 0) {
                return nullOrFail(f, nullable);
            }
            r.checkArrayCount(count);
            List<Object> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(readValue(f, a.element(), r, version, flexible, false));
            }
            return list;
        }
        if (type instanceof FieldType.StructOf st) {
            if (nullable && r.readInt8() < 0) {
                return null;
            }
            return read(st.schema(), r, version, flexible);
        }
        return switch ((FieldType.Primitive) type) {
            case BOOL -> r.readBool();
            case INT8 -> r.readInt8();
            case INT16 -> r.readInt16();
            case UINT16 -> r.readUint16();
            case INT32 -> r.readInt32();
            case UINT32 -> r.readUint32();
            case INT64 -> r.readInt64();
            case FLOAT64 -> r.readFloat64();
            case UUID -> r.readUuid();
            case STRING -> {
                int len = r.readLength(compact ? LengthKind.COMPACT : LengthKind.INT16);
                yield len < 0 ? nullOrFail(f, nullable) : r.readUtf8(len);
            }
            case BYTES -> {
                int len = r.readLength(compact ? LengthKind.COMPACT : LengthKind.INT32);
                yield len < 0 ? nullOrFail(f, nullable) : r.readByteArray(len);
            }
            case RECORDS -> {
                int len = r.readLength(compact ? LengthKind.COMPACT : LengthKind.INT32);
                yield len < 0 ? nullOrFail(f, nullable) : r.readSlice(len);
            }
        };
    }

    private static Object nullOrFail(Field f, boolean nullable) {
        if (!nullable) {
            throw new MalformedMessageException("non-nullable field " + f.name() + " was null");
        }
        return null;
    }

    static void write(Struct s, ProtocolWriter w, short version, boolean flexible) {
        List<Field> fields = s.schema().fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (!f.presentIn(version) || (flexible && f.taggedIn(version))) {
                continue;
            }
            writeValue(f, f.type(), s.get(i), w, version, flexible, f.nullableIn(version));
        }
        if (flexible) {
            writeTaggedFields(s, w, version);
        }
    }

    private record TaggedBytes(int tag, byte[] data) {
    }

    private static void writeTaggedFields(Struct s, ProtocolWriter w, short version) {
        List<TaggedBytes> out = new ArrayList<>();
        List<Field> fields = s.schema().fields();
        for (int i : s.schema().taggedOrder()) {
            Field f = fields.get(i);
            Object value = s.get(i);
            if (f.taggedIn(version) && !f.isDefault(value)) {
                ProtocolWriter tw = new ProtocolWriter(32);
                writeValue(f, f.type(), value, tw, version, true, f.nullableIn(version));
                ByteBuffer b = tw.toByteBuffer();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.add(new TaggedBytes(f.tag(), bytes));
            }
        }
        for (Struct.RawTaggedField raw : s.unknownTaggedFields()) {
            out.add(new TaggedBytes(raw.tag(), raw.data()));
        }
        out.sort(Comparator.comparingInt(TaggedBytes::tag));
        w.writeUnsignedVarint(out.size());
        for (TaggedBytes t : out) {
            w.writeUnsignedVarint(t.tag());
            w.writeUnsignedVarint(t.data().length);
            w.writeBytes(t.data());
        }
    }

    private static void writeValue(Field f, FieldType type, Object value, ProtocolWriter w, short version,
                                   boolean flexible, boolean nullable) {
        boolean compact = flexible && !f.isNeverCompact();
        if (value == null) {
            if (!nullable || !type.canBeNullable()) {
                throw new IllegalArgumentException("field " + f.name() + " : null (expected: a value; it is not "
                    + "nullable in version " + version + ")");
            }
            if (type instanceof FieldType.StructOf) {
                w.writeInt8((byte) -1);
            } else if (compact) {
                w.writeUnsignedVarint(0);
            } else if (type == FieldType.Primitive.STRING) {
                w.writeInt16((short) -1);
            } else {
                w.writeInt32(-1);
            }
            return;
        }
        if (type instanceof FieldType.ArrayOf a) {
            List<?> list = (List<?>) value;
            writeLength(w, list.size(), compact, false);
            for (Object element : list) {
                writeValue(f, a.element(), element, w, version, flexible, false);
            }
            return;
        }
        if (type instanceof FieldType.StructOf) {
            if (nullable) {
                w.writeInt8((byte) 1);
            }
            write((Struct) value, w, version, flexible);
            return;
        }
        switch ((FieldType.Primitive) type) {
            case BOOL -> w.writeBool((Boolean) value);
            case INT8 -> w.writeInt8((Byte) value);
            case INT16 -> w.writeInt16((Short) value);
            case UINT16 -> w.writeInt16((short) (int) (Integer) value);
            case INT32 -> w.writeInt32((Integer) value);
            case UINT32 -> w.writeInt32((int) (long) (Long) value);
            case INT64 -> w.writeInt64((Long) value);
            case FLOAT64 -> w.writeFloat64((Double) value);
            case UUID -> w.writeUuid((Uuid) value);
            case STRING -> {
                byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
                if (!compact && utf8.length > Short.MAX_VALUE) {
                    throw new IllegalArgumentException("field " + f.name() + " : a string of " + utf8.length
                        + " bytes (expected: at most " + Short.MAX_VALUE + ")");
                }
                writeLength(w, utf8.length, compact, true);
                w.writeBytes(utf8);
            }
            case BYTES -> {
                byte[] b = (byte[]) value;
                writeLength(w, b.length, compact, false);
                w.writeBytes(b);
            }
            case RECORDS -> {
                if (value instanceof RecordsSource source) {
                    writeLength(w, source.sizeInBytes(), compact, false);
                    w.writeDeferred(source);
                } else {
                    ByteBuffer b = (ByteBuffer) value;
                    writeLength(w, b.remaining(), compact, false);
                    w.writeBytes(b);
                }
            }
        }
    }

    private static void writeLength(ProtocolWriter w, int length, boolean compact, boolean int16) {
        if (compact) {
            w.writeUnsignedVarint(length + 1);
        } else if (int16) {
            w.writeInt16((short) length);
        } else {
            w.writeInt32(length);
        }
    }
}
