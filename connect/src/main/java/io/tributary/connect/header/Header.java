package io.tributary.connect.header;

import io.tributary.connect.data.Schema;
import java.util.Objects;

/**
 * A record header as connectors and transforms see it: a key and a value with its schema. Headers read from a topic
 * carry their raw bytes ({@link Schema#OPTIONAL_BYTES_SCHEMA}, {@code byte[]}), as no header converter is applied
 * yet; headers a source sets are written as bytes (a {@code byte[]} as is, anything else as its UTF-8 text).
 *
 * @param key    the header's key, not null
 * @param schema the value's schema, or null when unknown
 * @param value  the value, or null
 */
public record Header(String key, Schema schema, Object value) {
    public Header {
        Objects.requireNonNull(key, "key");
    }

    /** A header whose value is raw bytes, as read from a topic. */
    public static Header ofBytes(String key, byte[] value) {
        return new Header(key, Schema.OPTIONAL_BYTES_SCHEMA, value);
    }

    /** A header whose value is text. */
    public static Header ofString(String key, String value) {
        return new Header(key, Schema.OPTIONAL_STRING_SCHEMA, value);
    }
}
