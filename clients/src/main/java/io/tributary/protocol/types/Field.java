package io.tributary.protocol.types;

import io.tributary.common.Uuid;
import java.util.ArrayList;
import java.util.Objects;

/**
 * One field of a message or struct: its name (camelCase, as Kafka's JSON form names it), type, the versions it
 * exists in, the versions in which it may be null, and, for tagged fields, its tag and tagged versions.
 * Immutable; the {@code with...} methods return changed copies so descriptions read as one chain:
 * <pre>{@code field("transactionalId", STRING, "3+").nullable("3+").defaults("null")}</pre>
 */
public final class Field {
    private final String name;
    private final FieldType type;
    private final Versions versions;
    private final Versions nullableVersions;
    private final Versions taggedVersions;
    private final int tag;
    private final String declaredDefault;
    private final boolean neverCompact;

    private Field(String name, FieldType type, Versions versions, Versions nullableVersions, Versions taggedVersions,
                  int tag, String declaredDefault, boolean neverCompact) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.versions = versions;
        this.nullableVersions = nullableVersions;
        this.taggedVersions = taggedVersions;
        this.tag = tag;
        this.declaredDefault = declaredDefault;
        this.neverCompact = neverCompact;
    }

    /** A plain field present in {@code versions}. */
    public static Field of(String name, FieldType type, String versions) {
        return new Field(name, type, Versions.parse(versions), Versions.NONE, Versions.NONE, -1, null, false);
    }

    /** The field may be null in {@code versions}. */
    public Field nullable(String nullable) {
        if (!type.canBeNullable()) {
            throw new IllegalArgumentException("field " + name + " of type " + type + " cannot be nullable");
        }
        return new Field(name, type, versions, Versions.parse(nullable), taggedVersions, tag, declaredDefault,
            neverCompact);
    }

    /** The field is a tagged field with {@code tag} in {@code tagged} versions. */
    public Field tagged(int tag, String tagged) {
        return new Field(name, type, versions, nullableVersions, Versions.parse(tagged), tag, declaredDefault,
            neverCompact);
    }

    /** The default value, in the description's text form ("-1", "0x7fffffff", "true", "null", ...). */
    public Field defaults(String value) {
        return new Field(name, type, versions, nullableVersions, taggedVersions, tag, value, neverCompact);
    }

    /** Strings of this field keep the classic int16 length even in flexible versions (the request header's client id). */
    public Field neverCompact() {
        return new Field(name, type, versions, nullableVersions, taggedVersions, tag, declaredDefault, true);
    }

    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    public Versions versions() {
        return versions;
    }

    public Versions nullableVersions() {
        return nullableVersions;
    }

    public Versions taggedVersions() {
        return taggedVersions;
    }

    public int tag() {
        return tag;
    }

    public boolean isNeverCompact() {
        return neverCompact;
    }

    /** Whether the field is on the wire at {@code version} (tagged or not). */
    public boolean presentIn(short version) {
        return versions.contains(version);
    }

    /** Whether the field is written as a tagged field at {@code version}. */
    public boolean taggedIn(short version) {
        return taggedVersions.contains(version) && versions.contains(version);
    }

    public boolean nullableIn(short version) {
        return nullableVersions.contains(version);
    }

    /** A fresh default value: mutable values (lists, structs) are new objects on each call. */
    public Object defaultValue() {
        if (type instanceof FieldType.ArrayOf) {
            return new ArrayList<>();
        }
        if (type instanceof FieldType.StructOf s) {
            return new Struct(s.schema());
        }
        String d = declaredDefault;
        FieldType.Primitive p = (FieldType.Primitive) type;
        if ("null".equals(d)) {
            return null;
        }
        return switch (p) {
            case BOOL -> d != null && Boolean.parseBoolean(d);
            case INT8 -> (byte) parseLong(d);
            case INT16 -> (short) parseLong(d);
            case UINT16, INT32 -> (int) parseLong(d);
            case UINT32, INT64 -> parseLong(d);
            case FLOAT64 -> d == null ? 0.0 : Double.parseDouble(d);
            case STRING -> d == null ? "" : d;
            case BYTES -> new byte[0];
            case RECORDS -> null;
            case UUID -> Uuid.ZERO;
        };
    }

    /** Whether {@code value} equals this field's default (tagged fields at their default are not written). */
    public boolean isDefault(Object value) {
        return Struct.valueEquals(value, defaultValue());
    }

    private static long parseLong(String d) {
        if (d == null || d.isEmpty()) {
            return 0;
        }
        if (d.startsWith("0x") || d.startsWith("0X")) {
            return Long.parseLong(d.substring(2), 16);
        }
        return Long.parseLong(d);
    }

    @Override
    public String toString() {
        return name + ":" + type + "@" + versions;
    }
}
