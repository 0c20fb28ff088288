package io.tributary.connect.storage;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import java.util.Map;

/**
 * Turns connector data (schema and value) into the bytes of a record's key or value and back. Configured from the
 * worker's or connector's {@code key.converter.*} / {@code value.converter.*} keys (prefix removed). Instances are
 * used by one task thread.
 */
public interface Converter {
    /** Called once; {@code isKey} tells whether this converter handles keys or values. */
    void configure(Map<String, ?> configs, boolean isKey);

    /** The bytes for {@code value}; null stays null. */
    byte[] fromConnectData(String topic, Schema schema, Object value);

    /** The schema and value read from {@code bytes}. */
    SchemaAndValue toConnectData(String topic, byte[] bytes);
}
