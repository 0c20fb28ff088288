package io.tributary.broker.handlers;

/** Kafka's config resource types and sources, as numbers on the wire. */
final class ConfigResources {
    static final byte TOPIC = 2;
    static final byte BROKER = 4;
    /** DescribeConfigs config sources. */
    static final byte SOURCE_TOPIC_CONFIG = 1;
    static final byte SOURCE_STATIC_BROKER_CONFIG = 4;
    static final byte SOURCE_DEFAULT_CONFIG = 5;

    private ConfigResources() {
    }

    /** DescribeConfigs v3+ config type of a value: BOOLEAN 1, STRING 2, INT 3, LONG 5, DOUBLE 6, LIST 7. */
    static byte typeOf(Object value) {
        if (value instanceof Boolean) {
            return 1;
        }
        if (value instanceof Integer) {
            return 3;
        }
        if (value instanceof Long) {
            return 5;
        }
        if (value instanceof Double) {
            return 6;
        }
        if (value instanceof java.util.Collection<?>) {
            return 7;
        }
        return 2;
    }
}
