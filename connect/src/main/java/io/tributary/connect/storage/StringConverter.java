package io.tributary.connect.storage;

import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Values as text: writes {@code String.valueOf(value)}, reads an optional string. {@code converter.encoding}
 * (default UTF-8) names the charset.
 */
public class StringConverter implements Converter {
    /** The charset key, as in Kafka. */
    public static final String ENCODING_CONFIG = "converter.encoding";

    private Charset charset = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object encoding = configs.get(ENCODING_CONFIG);
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding.toString());
            } catch (IllegalArgumentException e) {
                throw new DataException(ENCODING_CONFIG + " : " + encoding + " (expected: a charset name)", e);
            }
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return value == null ? null : String.valueOf(value).getBytes(charset);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] bytes) {
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, bytes == null ? null : new String(bytes, charset));
    }
}
