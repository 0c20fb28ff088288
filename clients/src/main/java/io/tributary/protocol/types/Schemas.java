package io.tributary.protocol.types;

import java.util.List;

/**
 * The small vocabulary message descriptions are written in; import it statically:
 * <pre>{@code
 * static final StructSchema PARTITION = struct("PartitionData",
 *     field("index", INT32, "0+"),
 *     field("records", RECORDS, "0+").nullable("0+"));
 * }</pre>
 */
public final class Schemas {
    public static final FieldType BOOL = FieldType.Primitive.BOOL;
    public static final FieldType INT8 = FieldType.Primitive.INT8;
    public static final FieldType INT16 = FieldType.Primitive.INT16;
    public static final FieldType UINT16 = FieldType.Primitive.UINT16;
    public static final FieldType INT32 = FieldType.Primitive.INT32;
    public static final FieldType UINT32 = FieldType.Primitive.UINT32;
    public static final FieldType INT64 = FieldType.Primitive.INT64;
    public static final FieldType FLOAT64 = FieldType.Primitive.FLOAT64;
    public static final FieldType STRING = FieldType.Primitive.STRING;
    public static final FieldType BYTES = FieldType.Primitive.BYTES;
    public static final FieldType RECORDS = FieldType.Primitive.RECORDS;
    public static final FieldType UUID = FieldType.Primitive.UUID;

    private Schemas() {
    }

    public static Field field(String name, FieldType type, String versions) {
        return Field.of(name, type, versions);
    }

    public static FieldType arrayOf(FieldType element) {
        return new FieldType.ArrayOf(element);
    }

    public static FieldType arrayOf(StructSchema element) {
        return new FieldType.ArrayOf(new FieldType.StructOf(element));
    }

    public static FieldType structOf(StructSchema schema) {
        return new FieldType.StructOf(schema);
    }

    public static StructSchema struct(String name, Field... fields) {
        return new StructSchema(name, List.of(fields));
    }

    public static MessageSchema message(String name, int apiKey, String validVersions, String flexibleVersions,
                                        Field... fields) {
        return new MessageSchema(name, apiKey, validVersions, flexibleVersions, List.of(fields));
    }
}
