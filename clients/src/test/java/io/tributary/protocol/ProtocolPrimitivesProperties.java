package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.Uuid;
import io.tributary.protocol.types.Field;
import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.ProtocolWriter;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static io.tributary.protocol.types.Schemas.*;

/**
 * Round trips of every primitive type through the schema interpreter, classic and flexible, including null,
 * empty and extreme values, and the exact bytes of the length encodings.
 */
class ProtocolPrimitivesProperties {
    /** A made-up message with one field of each type: classic in v0, flexible in v1, a tagged field in v1. */
    private static final MessageSchema ALL_TYPES = message("AllTypes", -1, "0-1", "1+",
        field("bool", BOOL, "0+"),
        field("int8", INT8, "0+"),
        field("int16", INT16, "0+"),
        field("uint16", UINT16, "0+"),
        field("int32", INT32, "0+"),
        field("uint32", UINT32, "0+"),
        field("int64", INT64, "0+"),
        field("float64", FLOAT64, "0+"),
        field("string", STRING, "0+"),
        field("nullableString", STRING, "0+").nullable("0+"),
        field("bytes", BYTES, "0+"),
        field("nullableBytes", BYTES, "0+").nullable("0+"),
        field("records", RECORDS, "0+").nullable("0+"),
        field("uuid", UUID, "0+"),
        field("ints", arrayOf(INT32), "0+"),
        field("strings", arrayOf(STRING), "0+").nullable("0+"),
        field("tagged", STRING, "1+").tagged(7, "1+").nullable("1+").defaults("null"));

    @Property(tries = 500)
    void everyPrimitiveRoundTrips(@ForAll boolean b, @ForAll byte i8, @ForAll short i16, @ForAll int i32,
                                  @ForAll long i64, @ForAll double f64, @ForAll @StringLength(max = 40) String text,
                                  @ForAll byte[] raw, @ForAll boolean nulls, @ForAll List<Integer> ints) {
        Struct s = ALL_TYPES.newStruct()
            .set("bool", b).set("int8", i8).set("int16", i16).set("uint16", i16 & 0xffff).set("int32", i32)
            .set("uint32", i32 & 0xffffffffL).set("int64", i64).set("float64", f64).set("string", text)
            .set("nullableString", nulls ? null : text).set("bytes", raw).set("nullableBytes", nulls ? null : raw)
            .set("records", nulls ? null : ByteBuffer.wrap(raw)).set("uuid", new Uuid(i64, i32))
            .set("ints", ints).set("strings", nulls ? null : List.of(text, "", text));
        for (short v = 0; v <= 1; v++) {
            if (v == 1) {
                s.set("tagged", nulls ? null : text);
            }
            ByteBuffer bytes = ALL_TYPES.write(s, v);
            Struct back = ALL_TYPES.read(bytes.duplicate(), v);
            assertThat(back).isEqualTo(s);
            assertThat(ALL_TYPES.write(back, v)).isEqualTo(bytes);
        }
    }

    @Test
    void lengthEncodingsAreKafkas() {
        MessageSchema m = message("Lengths", -1, "0-1", "1+",
            field("s", STRING, "0+").nullable("0+"),
            field("a", arrayOf(INT8), "0+").nullable("0+"));
        Struct nulls = m.newStruct().set("s", null).set("a", null);
        // classic: int16 -1 for a null string, int32 -1 for a null array
        assertThat(bytes(m.write(nulls, (short) 0))).containsExactly(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
        // compact: 0 for null, then an empty tagged-field section
        assertThat(bytes(m.write(nulls, (short) 1))).containsExactly(0, 0, 0);
        Struct values = m.newStruct().set("s", "ab").set("a", List.of((byte) 5));
        assertThat(bytes(m.write(values, (short) 0))).containsExactly(0, 2, 'a', 'b', 0, 0, 0, 1, 5);
        assertThat(bytes(m.write(values, (short) 1))).containsExactly(3, 'a', 'b', 2, 5, 0);
    }

    @Test
    void taggedFieldsAreWrittenOnlyWhenNotDefaultAndUnknownOnesSurvive() {
        Struct s = ALL_TYPES.newStruct();
        int withoutTag = ALL_TYPES.write(s, (short) 1).remaining();
        s.set("tagged", "x");
        ByteBuffer withTag = ALL_TYPES.write(s, (short) 1);
        assertThat(withTag.remaining()).isEqualTo(withoutTag + 4); // tag, size, length, 'x'

        // a reader that does not know tag 7 keeps it raw and writes it back unchanged
        MessageSchema older = message("AllTypes", -1, "0-1", "1+",
            ALL_TYPES.body().fields().stream().filter(f -> !f.name().equals("tagged")).toArray(Field[]::new));
        Struct raw = older.read(withTag.duplicate(), (short) 1);
        assertThat(raw.unknownTaggedFields()).hasSize(1);
        assertThat(raw.unknownTaggedFields().get(0).tag()).isEqualTo(7);
        assertThat(older.write(raw, (short) 1)).isEqualTo(withTag);
    }

    @Test
    void nullInANonNullableFieldIsRefusedBothWays() {
        Struct s = ALL_TYPES.newStruct().set("string", null);
        assertThatThrownBy(() -> ALL_TYPES.write(s, (short) 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("string");
        ProtocolWriter w = new ProtocolWriter(8);
        w.writeInt16((short) -1);
        MessageSchema oneString = message("OneString", -1, "0", "none", field("s", STRING, "0+"));
        assertThatThrownBy(() -> oneString.read(w.toByteBuffer(), (short) 0))
            .isInstanceOf(MalformedMessageException.class).hasMessageContaining("non-nullable");
    }

    @Test
    void wrongJavaTypesAndUnknownFieldsAreRefusedWithTheName() {
        assertThatThrownBy(() -> ALL_TYPES.newStruct().set("int16", 5)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("int16").hasMessageContaining("Short");
        assertThatThrownBy(() -> ALL_TYPES.newStruct().get("nope")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("nope");
    }

    @Test
    void lengthsThatLieAreRefusedBeforeAllocating() {
        ProtocolWriter w = new ProtocolWriter(8);
        w.writeInt32(Integer.MAX_VALUE);
        MessageSchema oneArray = message("OneArray", -1, "0", "none", field("a", arrayOf(INT64), "0+"));
        assertThatThrownBy(() -> oneArray.read(w.toByteBuffer(), (short) 0))
            .isInstanceOf(MalformedMessageException.class);
        ProtocolReader r = new ProtocolReader(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 0x07}));
        int huge = r.readUnsignedVarint();
        assertThatThrownBy(() -> new ProtocolReader(ByteBuffer.allocate(4)).readByteArray(huge))
            .isInstanceOf(MalformedMessageException.class);
        byte[] badUtf8 = {0, 2, (byte) 0xc3, (byte) 0x28};
        MessageSchema oneString = message("OneString", -1, "0", "none", field("s", STRING, "0+"));
        assertThatThrownBy(() -> oneString.read(ByteBuffer.wrap(badUtf8), (short) 0))
            .isInstanceOf(MalformedMessageException.class).hasMessageContaining("UTF-8");
    }

    private static int[] bytes(ByteBuffer b) {
        int[] out = new int[b.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(b.position() + i) & 0xff;
        }
        return out;
    }
}
