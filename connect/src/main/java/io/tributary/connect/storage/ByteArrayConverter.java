package io.tributary.connect.storage;

import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import java.nio.ByteBuffer;
import java.util.Map;

/** Bytes pass through unchanged; accepts {@code byte[]} or {@code ByteBuffer} values. */
public class ByteArrayConverter implements Converter {
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schema != null && schema.type() != Schema.Type.BYTES) {
            throw new DataException("schema : " + schema + " (expected: BYTES for ByteArrayConverter)");
        }
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
        throw new DataException("value : " + value.getClass().getName() + " (expected: byte[] or ByteBuffer)");
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] bytes) {
        return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, bytes);
    }
}
