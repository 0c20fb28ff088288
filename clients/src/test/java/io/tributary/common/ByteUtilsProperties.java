package io.tributary.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Varint encodings: round trips, sizes, and byte-for-byte agreement with Kafka's own ByteUtils. */
class ByteUtilsProperties {

    @Property
    void unsignedVarintRoundTripsAndMatchesKafka(@ForAll int value) {
        ByteBuffer ours = ByteBuffer.allocate(5);
        ByteUtils.writeUnsignedVarint(value, ours);
        ByteBuffer theirs = ByteBuffer.allocate(5);
        org.apache.kafka.common.utils.internals.ByteUtils.writeUnsignedVarint(value, theirs);
        assertThat(ours.flip()).isEqualTo(theirs.flip());
        assertThat(ours.remaining()).isEqualTo(ByteUtils.sizeOfUnsignedVarint(value));
        assertThat(ByteUtils.readUnsignedVarint(ours)).isEqualTo(value);
        assertThat(ours.hasRemaining()).isFalse();
    }

    @Property
    void arrayWritersMatchTheBufferWriters(@ForAll int i, @ForAll long l, @ForAll byte offset) {
        int start = offset & 0x0f;
        ByteBuffer expected = ByteBuffer.allocate(20);
        ByteUtils.writeUnsignedVarint(i, expected);
        ByteUtils.writeVarint(i, expected);
        ByteUtils.writeVarlong(l, expected);
        expected.flip();
        byte[] array = new byte[start + 20];
        int end = ByteUtils.writeUnsignedVarint(i, array, start);
        end = ByteUtils.writeVarint(i, array, end);
        end = ByteUtils.writeVarlong(l, array, end);
        assertThat(ByteBuffer.wrap(array, start, end - start)).isEqualTo(expected);
    }

    @Property
    void varintRoundTripsAndMatchesKafka(@ForAll int value) {
        ByteBuffer ours = ByteBuffer.allocate(5);
        ByteUtils.writeVarint(value, ours);
        ByteBuffer theirs = ByteBuffer.allocate(5);
        org.apache.kafka.common.utils.internals.ByteUtils.writeVarint(value, theirs);
        assertThat(ours.flip()).isEqualTo(theirs.flip());
        assertThat(ours.remaining()).isEqualTo(ByteUtils.sizeOfVarint(value));
        assertThat(ByteUtils.readVarint(ours)).isEqualTo(value);
    }

    @Property
    void varlongRoundTripsAndMatchesKafka(@ForAll long value) {
        ByteBuffer ours = ByteBuffer.allocate(10);
        ByteUtils.writeVarlong(value, ours);
        ByteBuffer theirs = ByteBuffer.allocate(10);
        org.apache.kafka.common.utils.internals.ByteUtils.writeVarlong(value, theirs);
        assertThat(ours.flip()).isEqualTo(theirs.flip());
        assertThat(ours.remaining()).isEqualTo(ByteUtils.sizeOfVarlong(value));
        assertThat(ByteUtils.readVarlong(ours)).isEqualTo(value);
    }

    @Test
    void overlongAndTruncatedEncodingsAreRefused() {
        byte[] six = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        assertThatThrownBy(() -> ByteUtils.readUnsignedVarint(ByteBuffer.wrap(six)))
            .isInstanceOf(IllegalArgumentException.class);
        byte[] eleven = new byte[11];
        java.util.Arrays.fill(eleven, (byte) 0x80);
        assertThatThrownBy(() -> ByteUtils.readVarlong(ByteBuffer.wrap(eleven)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteUtils.readVarint(ByteBuffer.wrap(new byte[] {(byte) 0x80})))
            .isInstanceOf(BufferUnderflowException.class);
    }
}
