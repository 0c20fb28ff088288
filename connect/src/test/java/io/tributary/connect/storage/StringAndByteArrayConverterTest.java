package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Schema;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringAndByteArrayConverterTest {
    @Test
    void stringConverterUsesItsEncoding() {
        StringConverter c = new StringConverter();
        c.configure(Map.of("converter.encoding", "UTF-16BE"), false);
        byte[] b = c.fromConnectData("t", Schema.STRING_SCHEMA, "é");
        assertThat(b).containsExactly(0x00, 0xE9);
        assertThat(c.toConnectData("t", b).value()).isEqualTo("é");
        assertThat(c.toConnectData("t", null).value()).isNull();
        assertThat(c.fromConnectData("t", null, null)).isNull();
        assertThat(new String(c.fromConnectData("t", null, 12), java.nio.charset.StandardCharsets.UTF_16BE))
            .isEqualTo("12");
    }

    @Test
    void byteArrayConverterPassesBytesThrough() {
        ByteArrayConverter c = new ByteArrayConverter();
        c.configure(Map.of(), true);
        assertThat(c.fromConnectData("t", Schema.BYTES_SCHEMA, new byte[] {1, 2})).containsExactly(1, 2);
        assertThat(c.fromConnectData("t", null, ByteBuffer.wrap(new byte[] {3}))).containsExactly(3);
        assertThat((byte[]) c.toConnectData("t", new byte[] {4}).value()).containsExactly(4);
        assertThatThrownBy(() -> c.fromConnectData("t", Schema.STRING_SCHEMA, "x"))
            .isInstanceOf(DataException.class).hasMessageContaining("BYTES");
    }
}
